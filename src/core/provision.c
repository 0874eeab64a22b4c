/*
 * provision.c - the 2024 Code's 72 provisions and the self-assessment
 * record.  The requirements are paraphrased from the Ombudsman's 2024
 * self-assessment form (seed 003, requirements.md section 1).
 */
#include "core/provision.h"

#include <string.h>

#include "util/json.h"

#define C PROV_COMPUTED
#define E PROV_ENFORCED
#define O PROV_ORGANISATIONAL

static const char *const sections2024[] = {
	NULL,
	"Definition of a complaint",
	"Exclusions",
	"Accessibility and awareness",
	"Complaint handling staff",
	"The complaint handling process",
	"Complaint stages",
	"Putting things right",
	"Self-assessment, reporting and compliance",
	"Scrutiny and oversight: continuous learning and improvement",
};

static const struct provision code2024[] = {
	{ "1.2", 1, "must", O,
	  "A complaint is defined as an expression of dissatisfaction, however made, about the "
	  "standard of service, actions or lack of action by the landlord, its staff or those "
	  "acting for it, affecting one resident or a group of residents.", NULL, NULL },
	{ "1.3", 1, "must", C,
	  "A resident need not use the word \"complaint\": whenever dissatisfaction is expressed "
	  "the resident is given the choice to complain, and a complaint made through a "
	  "representative or third party is handled under the same policy.", NULL, NULL },
	{ "1.4", 1, "must", C,
	  "The policy distinguishes service requests from complaints; service requests are not "
	  "complaints but are recorded, monitored and reviewed regularly.", NULL, NULL },
	{ "1.5", 1, "must", C,
	  "A complaint is raised when the resident is dissatisfied with the response to a service "
	  "request, even while the request is still being handled, and work on the request does "
	  "not stop because they complained.", NULL, NULL },
	{ "1.6", 1, "should", C,
	  "Dissatisfaction expressed in a survey is not a complaint, but the person should be told "
	  "how to complain; any wider request for feedback must say how residents can complain.",
	  NULL, NULL },

	{ "2.1", 2, "must", C,
	  "A complaint is accepted unless there is a valid reason not to, the reason can be "
	  "evidenced, and each complaint is considered on its own merits.", NULL, NULL },
	{ "2.2", 2, "must", C,
	  "The policy sets out, fairly and reasonably, when a matter will not be considered as a "
	  "complaint or escalated; acceptable exclusions include an issue over twelve months old, "
	  "legal proceedings started (a claim filed at court) and matters already considered "
	  "under the policy.", NULL, NULL },
	{ "2.3", 2, "must", E,
	  "Complaints made within 12 months of the issue, or of the resident becoming aware of "
	  "it, are accepted unless excluded on other grounds, and discretion is considered for "
	  "older ones where there is good reason.",
	  "Redress refuses an out-of-time refusal unless the issue date shows the issue arose "
	  "more than 12 months before the complaint and the refusal records that discretion was "
	  "considered.", NULL },
	{ "2.4", 2, "must", C,
	  "When a complaint is not accepted, the resident is told why the matter is not suitable "
	  "for the complaints process and of their right to take that decision to the Ombudsman.",
	  NULL, NULL },
	{ "2.5", 2, "must", C,
	  "There is no blanket approach to excluding complaints; the individual circumstances of "
	  "each complaint are considered.", NULL, NULL },

	{ "3.1", 3, "must", O,
	  "It is easy to complain through a range of channels, with regard to the Equality Act "
	  "2010 and the reasonable adjustments residents may need.", NULL, NULL },
	{ "3.2", 3, "must", E,
	  "Residents can complain in any way and to any member of staff; all staff know the "
	  "complaints process and can pass a complaint to the right person.",
	  "Any member of staff with a Redress account can log a complaint, from any of the "
	  "channels the policy lists, and it enters the one complaints process at once.", NULL },
	{ "3.3", 3, "must", O,
	  "High volumes of complaints are not seen as negative; low volumes may mean residents "
	  "cannot complain.", NULL, NULL },
	{ "3.4", 3, "must", O,
	  "The complaints policy is available in a clear and accessible format, with the number "
	  "of stages, what happens at each and the timeframes for responding.", NULL, NULL },
	{ "3.5", 3, "must", O,
	  "The policy explains how the landlord publicises the complaints policy, the Ombudsman "
	  "and this Code.", NULL, NULL },
	{ "3.6", 3, "must", E,
	  "Residents can have a representative deal with their complaint and be represented or "
	  "accompanied at any meeting.",
	  "A complaint records its representative with the date the resident consented, and the "
	  "representative is a party to the complaint's correspondence.", NULL },
	{ "3.7", 3, "must", C,
	  "Residents are told of their right to access the Ombudsman and how to engage with it "
	  "about their complaint.", NULL, NULL },

	{ "4.1", 4, "must", C,
	  "A person or team (the \"complaints officer\") is responsible for complaint handling, "
	  "including liaison with the Ombudsman and reporting to the governing body.", NULL, NULL },
	{ "4.2", 4, "must", O,
	  "The complaints officer has access to staff at all levels and the authority and "
	  "autonomy to resolve disputes promptly and fairly.", NULL, NULL },
	{ "4.3", 4, "expected", O,
	  "Complaint handling and learning from complaints are priorities; relevant staff are "
	  "trained, and complaints are resourced as a core service.", NULL, NULL },

	{ "5.1", 5, "must", E,
	  "There is a single policy for complaints covered by the Code, and residents are not "
	  "treated differently because they complained.",
	  "Every complaint runs through one process, the Code's two stages, whatever its channel, "
	  "category or subject.", NULL },
	{ "5.2", 5, "must", C,
	  "There are no extra named stages such as \"stage 0\" or an informal complaint stage.",
	  NULL, NULL },
	{ "5.3", 5, "must", C,
	  "A process with more than two stages is not acceptable in any circumstances.", NULL, NULL },
	{ "5.4", 5, "must", E,
	  "Where a third party such as a contractor responds to a complaint, it is part of the "
	  "two-stage process; residents never go through two complaints processes.",
	  "A complaint about a contractor is recorded with the contractor as its subject and runs "
	  "through the same two stages.", NULL },
	{ "5.5", 5, "must", O,
	  "The landlord ensures that third parties handle complaints in line with the Code.",
	  NULL, NULL },
	{ "5.6", 5, "must", C,
	  "When a complaint is logged at stage 1 or escalated to stage 2, the landlord sets out "
	  "its understanding of the complaint and the outcomes sought (the complaint definition), "
	  "and asks for clarification where anything is unclear.", NULL, NULL },
	{ "5.7", 5, "must", C,
	  "When a complaint is acknowledged at either stage, the landlord is clear which aspects "
	  "it is and is not responsible for.", NULL, NULL },
	{ "5.8", 5, "must", C,
	  "At each stage, complaint handlers deal with complaints on their merits, act "
	  "independently with an open mind, give the resident a fair chance to set out their "
	  "position, address any conflict of interest and consider all the evidence.", NULL, NULL },
	{ "5.9", 5, "must", E,
	  "Where a response will fall outside the Code's timescales, the landlord agrees with "
	  "the resident suitable intervals for keeping them informed.",
	  "Redress records the update intervals agreed with the resident, with each extension "
	  "and on their own.", NULL },
	{ "5.10", 5, "must", C,
	  "Reasonable adjustments are made under the Equality Act 2010; the adjustments agreed "
	  "and any disabilities disclosed are recorded, and adjustments are kept under active "
	  "review.", NULL, NULL },
	{ "5.11", 5, "must", C,
	  "Escalation is not refused without valid reasons, clearly set out, that comply with "
	  "section 2 of the Code.", NULL, NULL },
	{ "5.12", 5, "must", E,
	  "A full record is kept of each complaint and its outcome at each stage: the original "
	  "complaint and the date received, all correspondence with the resident and others, and "
	  "supporting documents such as reports and surveys.",
	  "Every change to a complaint is an event in its hash-chained, append-only record, "
	  "with the correspondence and the date it was received; redress verify proves none was "
	  "altered.", NULL },
	{ "5.13", 5, "must", C,
	  "A complaint can be remedied at any stage, without the need to escalate it.", NULL, NULL },
	{ "5.14", 5, "must", C,
	  "There is a policy for unacceptable behaviour; the reasons for any restriction are "
	  "evidenced and restrictions are reviewed regularly.", NULL, NULL },
	{ "5.15", 5, "must", C,
	  "Restrictions on contact are proportionate and have regard to the Equality Act 2010.",
	  NULL, NULL },

	{ "6.1", 6, "must", E,
	  "Complaints are triaged: which can be answered early and which need investigation, "
	  "considering their complexity and whether the resident is vulnerable or at risk.",
	  "A complaint cannot be acknowledged without the triage answers: is it complex, and is "
	  "the resident vulnerable or at risk.", NULL },
	{ "6.2", 6, "must", C,
	  "Stage 1 complaints are acknowledged, defined and logged within five working days of "
	  "being received.", NULL, NULL },
	{ "6.3", 6, "must", C,
	  "A full stage 1 response is issued within 10 working days of the acknowledgement.",
	  NULL, NULL },
	{ "6.4", 6, "must", C,
	  "Any stage 1 extension is decided on the complaint's complexity, the resident is told "
	  "the new timescale, and it is no more than 10 working days without good reason, "
	  "clearly explained.", NULL, NULL },
	{ "6.5", 6, "must", E,
	  "A resident told of an extension is given the Ombudsman's contact details.",
	  "Every extension Redress records gives the Ombudsman's contact details from the policy "
	  "to the resident.", NULL },
	{ "6.6", 6, "must", C,
	  "The stage 1 response is given when the answer is known, not when outstanding actions "
	  "are finished; outstanding actions are tracked and completed promptly, with updates to "
	  "the resident.", NULL, NULL },
	{ "6.7", 6, "must", C,
	  "The response addresses every point of the complaint definition, with clear reasons "
	  "referring to policy, law and good practice.", NULL, NULL },
	{ "6.8", 6, "must", E,
	  "New issues raised during the investigation join the stage 1 response if related and "
	  "it has not been issued; otherwise they are logged as a new complaint.",
	  "An issue added before the stage 1 response joins the complaint definition; after it, "
	  "Redress opens a new complaint linked to the first.", NULL },
	{ "6.9", 6, "must", E,
	  "The stage 1 response confirms in writing, in plain language: the stage, the complaint "
	  "definition, the decision, the reasons, any remedy, any outstanding actions, and how "
	  "to escalate to stage 2.",
	  "The stage 1 letter is made from the recorded response, which cannot be recorded "
	  "without a decision and reasons on every point and the remedies and actions.", NULL },
	{ "6.10", 6, "must", E,
	  "If any part of the complaint is not resolved to the resident's satisfaction at stage "
	  "1, it progresses to stage 2, the landlord's final response.",
	  "A stage 1 response can always be escalated at the resident's request, without a "
	  "reason; only a listed exclusion can refuse it.", NULL },
	{ "6.11", 6, "must", C,
	  "Stage 2 requests are acknowledged, defined and logged within five working days of the "
	  "escalation request.", NULL, NULL },
	{ "6.12", 6, "must", E,
	  "Residents need not explain why they ask for stage 2; the landlord makes reasonable "
	  "efforts to understand why they remain unhappy.",
	  "An escalation is recorded without a reason; the reason, when given, is kept.", NULL },
	{ "6.13", 6, "must", C,
	  "The person considering the complaint at stage 2 is not the person who considered it "
	  "at stage 1.", NULL, NULL },
	{ "6.14", 6, "must", C,
	  "The stage 2 final response is issued within 20 working days of the acknowledgement.",
	  NULL, NULL },
	{ "6.15", 6, "must", C,
	  "Any stage 2 extension is decided on the complaint's complexity, the resident is told "
	  "the new timescale, and it is no more than 20 working days without good reason, "
	  "clearly explained.", NULL, NULL },
	{ "6.16", 6, "must", E,
	  "A resident told of a stage 2 extension is given the Ombudsman's contact details.",
	  "Every extension Redress records gives the Ombudsman's contact details from the policy "
	  "to the resident.", NULL },
	{ "6.17", 6, "must", C,
	  "The stage 2 response is given when the answer is known, not when outstanding actions "
	  "are finished; outstanding actions are tracked and completed promptly, with updates.",
	  NULL, NULL },
	{ "6.18", 6, "must", C,
	  "The stage 2 response addresses every point of the complaint definition, with clear "
	  "reasons referring to policy, law and good practice.", NULL, NULL },
	{ "6.19", 6, "must", E,
	  "The stage 2 response confirms in writing, in plain language: the stage, the complaint "
	  "definition, the decision, the reasons, any remedy, any outstanding actions, and how "
	  "to escalate to the Ombudsman.",
	  "The stage 2 letter is made from the recorded response, which cannot be recorded "
	  "without a decision and reasons on every point and the remedies and actions.", NULL },
	{ "6.20", 6, "must", O,
	  "Stage 2 is the landlord's final response and involves all the staff needed to give "
	  "it.", NULL, NULL },

	{ "7.1", 7, "must", C,
	  "Where something has gone wrong, the landlord acknowledges it and sets out the actions "
	  "taken or intended to put things right: an apology, an explanation, action on a delay, "
	  "reconsidering a decision, correcting a record, financial redress, or a change of "
	  "policy or practice.", NULL, NULL },
	{ "7.2", 7, "must", O,
	  "Any remedy reflects the impact of the fault on the resident.", NULL, NULL },
	{ "7.3", 7, "must", C,
	  "The remedy offer says what will happen and by when, agreed with the resident where "
	  "appropriate, and is followed through to completion.", NULL, NULL },
	{ "7.4", 7, "must", O,
	  "Remedies take account of the Ombudsman's remedies guidance.", NULL, NULL },

	{ "8.1", 8, "must", O,
	  "An annual complaints performance and service improvement report is produced for "
	  "scrutiny and challenge, with the self-assessment, performance analysis including the "
	  "types of complaint refused, Ombudsman findings of non-compliance, improvements made, "
	  "and the Ombudsman's annual and other relevant reports.", NULL, NULL },
	{ "8.2", 8, "must", O,
	  "The annual report goes to the governing body and is published on the complaints "
	  "section of the website, with the governing body's response.", NULL, NULL },
	{ "8.3", 8, "must", O,
	  "The self-assessment is carried out again after a significant restructure, merger or "
	  "change in procedures.", NULL, NULL },
	{ "8.4", 8, "may", O,
	  "The Ombudsman may ask for the self-assessment to be reviewed and updated after an "
	  "investigation.", NULL, NULL },
	{ "8.5", 8, "must", O,
	  "If the Code cannot be met in exceptional circumstances, such as a cyber incident, the "
	  "landlord informs the Ombudsman and affected residents, publishes it on its website, "
	  "and gives a timescale for returning to compliance.", NULL, NULL },

	{ "9.1", 9, "must", O,
	  "The landlord looks beyond the individual complaint and considers the service "
	  "improvements its learning suggests.", NULL, NULL },
	{ "9.2", 9, "must", O,
	  "Complaints are used as a source of intelligence to identify issues and change service "
	  "delivery.", NULL, NULL },
	{ "9.3", 9, "must", O,
	  "Wider learning and improvements from complaints are reported to stakeholders such as "
	  "residents' panels, staff and committees.", NULL, NULL },
	{ "9.4", 9, "must", C,
	  "A suitably senior lead is accountable for complaint handling and assesses themes and "
	  "trends for systemic issues, serious risks, and policies and procedures to revise.",
	  NULL, NULL },
	{ "9.5", 9, "must", C,
	  "A member of the governing body is appointed Member Responsible for Complaints (MRC) "
	  "to support a positive complaint handling culture.", NULL, NULL },
	{ "9.6", 9, "must", O,
	  "The MRC ensures the governing body receives regular information giving insight into "
	  "complaint handling performance, and has the information and staff access the role "
	  "needs.", NULL, NULL },
	{ "9.7", 9, "must", O,
	  "At least, the MRC and the governing body receive regular information on volumes, "
	  "categories, outcomes and performance, issues and trends, Ombudsman outcomes and "
	  "progress on orders, and the annual complaints report.", NULL, NULL },
	{ "9.8", 9, "must", O,
	  "Relevant employees and third parties have a standard complaint handling objective: a "
	  "collaborative approach to resolving complaints, collective responsibility for "
	  "shortfalls rather than blame, and the organisation's values in handling complaints.",
	  NULL, NULL },
};


/*
 * The 2022 Code's form, paraphrased from the self-assessments of seeds
 * 000, 002 and 004.  "as" names the 2024 provision whose figures evidence
 * a computed one.
 */
static const char *const sections2022[] = {
	NULL,
	"Definition of a complaint",
	"Accessibility and awareness",
	"Complaint handling personnel",
	"Complaint handling principles",
	"Complaint stages",
	"Putting things right",
	"Continuous learning and improvement",
	"Self-assessment and compliance",
};

#define ENF_RECORD "Every change to a complaint is an event in its hash-chained, append-only " \
	"record, with the correspondence and the date it was received."
#define ENF_LETTER "The response letter is made from the recorded response, which cannot be " \
	"recorded without a decision and reasons on every point and the remedies and actions."
#define ENF_OMBUDSMAN "Every extension Redress records gives the Ombudsman's contact details " \
	"from the policy to the resident."

static const struct provision code2022[] = {
	{ "1.2", 1, "must", O,
	  "A complaint is defined as an expression of dissatisfaction, however made, about the "
	  "standard of service, actions or lack of action by the landlord, its staff or those "
	  "acting for it, affecting a resident or group of residents.", NULL, NULL },
	{ "1.3", 1, "must", C,
	  "A resident need not use the word \"complaint\"; a complaint made through a third "
	  "party or representative is handled under the complaints policy.", NULL, "1.3" },
	{ "1.6", 1, "must", C,
	  "If further enquiries are needed to resolve the matter, or the resident asks, the issue "
	  "is logged as a complaint.", NULL, "1.5" },
	{ "1.7", 1, "must", C,
	  "A complaint is accepted unless there is a valid reason not to.", NULL, "2.1" },
	{ "1.8", 1, "must", C,
	  "The policy sets out the circumstances in which a matter will not be considered, and "
	  "they are fair and reasonable to residents.", NULL, "2.2" },
	{ "1.9", 1, "must", C,
	  "A resident whose complaint is not accepted gets a detailed explanation of why, and of "
	  "the right to take that decision to the Ombudsman.", NULL, "2.4" },
	{ "1.4", 1, "should", C,
	  "Service requests, where a resident wants something put right, are told apart from "
	  "complaints about the service received.", NULL, "1.4" },
	{ "1.5", 1, "should", C,
	  "Survey feedback need not be a complaint, but the person should be told how to pursue "
	  "their dissatisfaction as a complaint.", NULL, "1.6" },

	{ "2.1", 2, "must", O,
	  "It is easy to complain through different channels: in person, by telephone, in "
	  "writing, by email and digitally.", NULL, NULL },
	{ "2.3", 2, "must", O,
	  "The complaints policy is available in a clear and accessible format, with the number "
	  "of stages, what happens at each and the timeframes for responding.", NULL, NULL },
	{ "2.4", 2, "must", O,
	  "The landlord's website, if any, says how to complain, and the policy and process are "
	  "easy to find on it.", NULL, NULL },
	{ "2.5", 2, "must", C,
	  "The landlord complies with the Equality Act 2010, adapting policies and processes to "
	  "individual needs, and the policy says how requests for reasonable adjustments are "
	  "handled.", NULL, "5.10" },
	{ "2.6", 2, "must", O,
	  "The complaints policy and process, the Code and the Housing Ombudsman Scheme are "
	  "publicised in leaflets, posters, newsletters, online and in regular correspondence.",
	  NULL, NULL },
	{ "2.7", 2, "must", C,
	  "Residents are given the Ombudsman's contact information in regular correspondence.",
	  NULL, "3.7" },
	{ "2.8", 2, "must", C,
	  "Residents are told early, throughout their complaint, of their right to go to the "
	  "Housing Ombudsman.", NULL, "3.7" },
	{ "2.2", 2, "should", O,
	  "Where residents are engaged through social media, complaints made there are expected, "
	  "and the policy says how they are handled with confidentiality and privacy.", NULL, NULL },

	{ "3.1", 3, "must", C,
	  "A person or team (the \"complaints officer\") is responsible for complaint handling "
	  "and for reporting complaints to the governing body.", NULL, "4.1" },
	{ "3.2", 3, "must", C,
	  "The complaint handler has the right skills and no conflict of interest.", NULL, "5.8" },
	{ "3.3", 3, "should", O,
	  "Complaint handlers act sensitively and fairly, are trained to deal with distressed "
	  "residents, can reach staff at all levels and have the authority to resolve disputes "
	  "quickly and fairly.", NULL, NULL },

	{ "4.1", 4, "must", C,
	  "Attempts to resolve a concern are agreed with the resident and do not obstruct or "
	  "delay the complaints procedure; there are no extra named stages; a complaint is "
	  "acknowledged and logged at stage one within five days of receipt.", NULL, "6.2" },
	{ "4.2", 4, "must", C,
	  "The acknowledgement sets out the landlord's understanding of the complaint and the "
	  "outcomes sought, asking for clarification where anything is unclear.", NULL, "5.6" },
	{ "4.6", 4, "must", O,
	  "A complaint is investigated impartially.", NULL, NULL },
	{ "4.7", 4, "must", C,
	  "The handler deals with complaints on their merits, acts independently with an open "
	  "mind, addresses any conflict of interest, considers all the evidence and keeps the "
	  "complaint confidential as far as possible.", NULL, "5.8" },
	{ "4.11", 4, "must", E,
	  "Reasonable arrangements agreed with the resident about how and how often to "
	  "communicate are kept.",
	  "Each person's communication preferences (method, frequency, format, language) and "
	  "the update intervals agreed on a complaint are recorded, and letters follow them.",
	  NULL },
	{ "4.12", 4, "must", O,
	  "The resident, and any member of staff complained about, has a fair chance to set out "
	  "their position and comment on adverse findings before a decision.", NULL, NULL },
	{ "4.13", 4, "must", C,
	  "The policy sets the timescale within which a resident can ask to escalate a "
	  "complaint.", NULL, "4.13" },
	{ "4.14", 4, "must", C,
	  "Escalation through all the stages of the procedure is not refused unreasonably.", NULL,
	  "5.11" },
	{ "4.15", 4, "must", E,
	  "A full record is kept of the complaint, any review and the outcome at each stage, "
	  "with the original complaint, the date received and all correspondence and reports.",
	  ENF_RECORD, NULL },
	{ "4.18", 4, "must", C,
	  "There are policies and procedures for managing unacceptable behaviour by residents or "
	  "their representatives when pursuing a complaint.", NULL, "5.14" },
	{ "4.3", 4, "should", O,
	  "Residents' expectations are managed from the outset, being clear where an outcome is "
	  "unreasonable or unrealistic.", NULL, NULL },
	{ "4.4", 4, "should", O,
	  "A complaint is resolved at the earliest opportunity, having assessed the evidence "
	  "needed, the outcome that would resolve it and any urgent actions.", NULL, NULL },
	{ "4.5", 4, "should", E,
	  "Residents can have a representative deal with their complaint and be represented or "
	  "accompanied at meetings.",
	  "A complaint records its representative with the date the resident consented, and the "
	  "representative is a party to the complaint's correspondence.", NULL },
	{ "4.8", 4, "should", O,
	  "Where the complaint turns on the parties' legal obligations, the landlord sets out "
	  "its understanding of them.", NULL, NULL },
	{ "4.9", 4, "should", O,
	  "Communication with the resident does not generally identify individual members of "
	  "staff or contractors.", NULL, NULL },
	{ "4.10", 4, "should", E,
	  "Residents are kept regularly updated on the investigation.",
	  "Redress records the update intervals agreed with the resident, with each extension "
	  "and on their own.", NULL },
	{ "4.16", 4, "should", O,
	  "Feedback is sought from residents about complaint handling.", NULL, NULL },
	{ "4.17", 4, "should", O,
	  "Staff complained about are supported and engaged in the process and its learning.",
	  NULL, NULL },
	{ "4.19", 4, "should", C,
	  "Restrictions on contact because of unacceptable behaviour are appropriate to the "
	  "resident's needs and have regard to the Equality Act 2010.", NULL, "5.15" },

	{ "5.1", 5, "must", C,
	  "The stage one response is given within 10 working days of the complaint being logged; "
	  "exceptionally, with an explanation and a clear timeframe, a further 10 days at most "
	  "without good reason.", NULL, "6.3" },
	{ "5.5", 5, "must", C,
	  "The response is sent when the answer is known, not when outstanding actions are "
	  "finished; outstanding actions are tracked and completed promptly, with updates.", NULL,
	  "6.6" },
	{ "5.6", 5, "must", C,
	  "Every point raised is addressed, with clear reasons referring to policy, law and good "
	  "practice.", NULL, "6.7" },
	{ "5.8", 5, "must", E,
	  "The stage one response confirms in writing, in plain language, the stage, the "
	  "decision, the reasons, any remedy, any outstanding actions and how to escalate.",
	  ENF_LETTER, NULL },
	{ "5.9", 5, "must", C,
	  "A complaint not resolved at stage one progresses to stage two unless an exclusion now "
	  "applies; a refusal to escalate is explained in writing with the right to go to the "
	  "Ombudsman.", NULL, "5.11" },
	{ "5.10", 5, "must", C,
	  "On an escalation request the landlord sets out its understanding of the outstanding "
	  "issues and the outcomes sought.", NULL, "5.6" },
	{ "5.11", 5, "must", E,
	  "A complaint is escalated to stage two only after stage one is complete and at the "
	  "resident's request.",
	  "Redress escalates only a complaint answered at stage one, and only on the resident's "
	  "request, recorded with its date.", NULL },
	{ "5.12", 5, "must", C,
	  "The person considering the complaint at stage two is not the person who considered "
	  "it at stage one.", NULL, "6.13" },
	{ "5.13", 5, "must", C,
	  "The stage two response is given within 20 working days of the escalation; "
	  "exceptionally, with an explanation and a clear timeframe, a further 10 days at most "
	  "without good reason.", NULL, "6.14" },
	{ "5.16", 5, "must", E,
	  "The stage two response confirms in writing, in plain language, the stage, the "
	  "definition, the decision, the reasons, any remedy, any outstanding actions and how to "
	  "escalate further.", ENF_LETTER, NULL },
	{ "5.17", 5, "must", C,
	  "Two stages are ideal; a landlord with a third stage sets out its reasons in the "
	  "self-assessment, and more than three stages is never acceptable.", NULL, "5.17" },
	{ "5.20", 5, "must", E,
	  "Where there is a third stage, its response confirms the same in writing, in plain "
	  "language.", ENF_LETTER, NULL },
	{ "5.2", 5, "should", C,
	  "An extension beyond 20 working days in all at stage one is agreed by both parties.",
	  NULL, "6.4" },
	{ "5.3", 5, "should", E,
	  "Where an extension cannot be agreed, the resident is given the Ombudsman's contact "
	  "details.", ENF_OMBUDSMAN, NULL },
	{ "5.4", 5, "should", O,
	  "Older reports of a recurring problem are considered as background to the complaint.",
	  NULL, NULL },
	{ "5.7", 5, "should", E,
	  "New related issues raised before the stage one response join it; otherwise, or if "
	  "they would delay it, they are logged as a new complaint.",
	  "An issue added before the stage one response joins the complaint definition; after "
	  "it, Redress opens a new complaint linked to the first.", NULL },
	{ "5.14", 5, "should", C,
	  "An extension beyond 10 working days at stage two is agreed by both parties.", NULL,
	  "6.15" },
	{ "5.15", 5, "should", E,
	  "Where a stage two extension cannot be agreed, the resident is given the Ombudsman's "
	  "contact details.", ENF_OMBUDSMAN, NULL },
	{ "5.18", 5, "should", E,
	  "A complaint goes to a third stage only at the resident's request, answered within 20 "
	  "working days of the escalation.",
	  "Where the policy has a third stage, Redress starts it only on the resident's request "
	  "and sets its deadline 20 working days after it.", NULL },
	{ "5.19", 5, "should", E,
	  "Where a third stage extension cannot be agreed, the resident is given the "
	  "Ombudsman's contact details.", ENF_OMBUDSMAN, NULL },

	{ "6.1", 6, "must", C,
	  "Where something has gone wrong the landlord acknowledges it and sets out the actions "
	  "taken or intended to put things right.", NULL, "7.1" },
	{ "6.2", 6, "must", O,
	  "A remedy reflects the extent of the service failure and the detriment to the "
	  "resident, and promises nothing that cannot be delivered.", NULL, NULL },
	{ "6.5", 6, "must", C,
	  "The remedy offer says what will happen and by when, and is followed through to "
	  "completion.", NULL, "7.3" },
	{ "6.6", 6, "must", O,
	  "Compensation considers statutory payments, quantifiable losses, time and trouble, and "
	  "distress and inconvenience.", NULL, NULL },
	{ "6.3", 6, "should", O,
	  "The landlord considers whether processes or systems need putting right for all "
	  "residents.", NULL, NULL },
	{ "6.7", 6, "should", O,
	  "Where a resident may have a legal entitlement to redress, a resolution is still "
	  "offered where possible, with legal advice on its wording.", NULL, NULL },

	{ "7.2", 7, "must", O,
	  "Wider learning and improvements from complaints are reported in the annual report and "
	  "more often to residents, staff and scrutiny panels.", NULL, NULL },
	{ "7.3", 7, "should", C,
	  "A member of the governing body has lead responsibility for complaints and sees that "
	  "the governing body gets regular insight into complaint handling.", NULL, "9.5" },
	{ "7.4", 7, "should", O,
	  "The governing body receives regular updates on volumes, categories, outcomes and "
	  "performance, reviews of issues and trends, and the Ombudsman's annual report.", NULL,
	  NULL },
	{ "7.5", 7, "should", C,
	  "Senior management assesses themes and trends for systemic issues, serious risks and "
	  "policies to revise, and uses them in staff and contractor training.", NULL, "9.4" },
	{ "7.6", 7, "should", O,
	  "Employees have a standard complaint handling objective: collaboration, collective "
	  "responsibility and the organisation's values.", NULL, NULL },

	{ "8.1", 8, "must", O,
	  "A self-assessment against the Code is carried out every year.", NULL, NULL },
	{ "8.2", 8, "must", O,
	  "A self-assessment is also carried out after a significant restructure or change in "
	  "procedures.", NULL, NULL },
	{ "8.3", 8, "must", O,
	  "After each self-assessment the outcome is reported to the governing body, published "
	  "on the website and included in the annual report on complaint handling.", NULL, NULL },
};

#undef C
#undef E
#undef O

const struct provision *prov_list(int version, size_t *n)
{
	if (version == 2024) {
		*n = sizeof(code2024) / sizeof(code2024[0]);
		return code2024;
	}
	if (version == 2022) {
		*n = sizeof(code2022) / sizeof(code2022[0]);
		return code2022;
	}
	*n = 0;
	return NULL;
}

const struct provision *prov_find(int version, const char *number)
{
	size_t n;
	const struct provision *l = prov_list(version, &n);

	for (size_t i = 0; number && i < n; i++)
		if (!strcmp(l[i].number, number))
			return &l[i];
	return NULL;
}

const char *prov_section(int version, int section)
{
	if (version == 2024 && section >= 1 && section <= 9)
		return sections2024[section];
	if (version == 2022 && section >= 1 && section <= 8)
		return sections2022[section];
	return "";
}

const char *prov_basis_name(enum prov_basis b)
{
	return b == PROV_COMPUTED ? "computed" : b == PROV_ENFORCED ? "enforced" : "organisational";
}

int prov_version_for(int year)
{
	return year >= 2024 ? 2024 : year >= 2022 ? 2022 : 0;
}

/* A date defaulting to today, not in the future. */
static int on_or_today(const json_t *in, const char *key, date_t today, date_t *out,
		       struct rd_err *e)
{
	char a[DATE_STRLEN];

	if (js_need_date(in, key, 0, NULL, out, e))
		return -1;
	if (*out == DATE_NONE)
		*out = today;
	if (*out > today)
		return err_set(e, RD_EINVAL, key, NULL, "%s %s is in the future", key,
			       date_format(*out, a));
	return 0;
}

int prov_decide(const json_t *st, const char *action, const json_t *in,
		int version, date_t today, json_t **payload, const char **type,
		date_t *eff, struct rd_err *e)
{
	const char *s;
	date_t on;

	*payload = NULL;
	*eff = today;
	if (!json_is_object(in))
		return err_set(e, RD_EINVAL, "", NULL, "the input must be a JSON object");
	if (!prov_list(version, &(size_t){ 0 }))
		return err_set(e, RD_EINVAL, "year", NULL,
			       "Redress has the self-assessment forms of the 2022 and 2024 Codes, for "
			       "2022/23 onwards");
	if (!strcmp(action, "comment")) {
		static const char *const keys[] = { "provision", "text", "comply", NULL };
		const struct provision *p;
		const char *comply;

		*type = "self_assessment.commented";
		if (js_only_keys(in, keys, "the commentary", e) ||
		    js_need_str(in, "provision", 1, NULL, &s, e) ||
		    js_need_str(in, "text", 1, NULL, &s, e) ||
		    js_need_str(in, "comply", 0, NULL, &comply, e))
			return -1;
		p = prov_find(version, js_str(in, "provision"));
		if (!p)
			return err_set(e, RD_EINVAL, "provision", NULL,
				       "\"%s\" is not a provision of the %d Code's self-assessment (%s)",
				       js_str(in, "provision"), version,
				       version == 2024 ? "1.2 to 9.8" : "1.2 to 8.3");
		if (comply && strcmp(comply, "yes") && strcmp(comply, "no"))
			return err_set(e, RD_EINVAL, "comply", NULL, "comply is yes or no, not \"%s\"", comply);
		if (comply && p->basis == PROV_COMPUTED)
			return err_set(e, RD_EINVAL, "comply", p->number,
				       "whether %s is met is computed from the records; add commentary to explain the figures instead",
				       p->number);
		*payload = json_pack("{s:s, s:s}", "provision", p->number, "text", js_str(in, "text"));
		js_set_date(*payload, "on", today);
		if (comply)
			json_object_set_new(*payload, "comply", json_string(comply));
		return 0;
	}
	if (!strcmp(action, "approve")) {
		static const char *const keys[] = { "approved_on", "body", "minute", NULL };

		*type = "self_assessment.approved";
		if (js_only_keys(in, keys, "the approval", e) ||
		    on_or_today(in, "approved_on", today, &on, e) ||
		    js_need_str(in, "body", 0, NULL, &s, e) ||
		    js_need_str(in, "minute", 0, NULL, &s, e))
			return -1;
		*payload = json_deep_copy(in);
		js_set_date(*payload, "approved_on", on);
		if (!js_str(in, "body"))
			json_object_set_new(*payload, "body", json_string("the governing body"));
		*eff = on;
		return 0;
	}
	if (!strcmp(action, "publish")) {
		static const char *const keys[] = { "published_on", "url", NULL };
		date_t approved = js_date(json_object_get(st, "approved"), "approved_on");
		char a[DATE_STRLEN], b[DATE_STRLEN];

		*type = "self_assessment.published";
		if (js_only_keys(in, keys, "the publication", e) ||
		    on_or_today(in, "published_on", today, &on, e) ||
		    js_need_str(in, "url", 0, NULL, &s, e))
			return -1;
		if (approved == DATE_NONE)
			return err_set(e, RD_ESTATE, "published_on", "8.2",
				       "record the governing body's approval before publishing (Code 8.2)");
		if (on < approved)
			return err_set(e, RD_EINVAL, "published_on", NULL,
				       "published_on %s is before the approval on %s",
				       date_format(on, a), date_format(approved, b));
		*payload = json_deep_copy(in);
		js_set_date(*payload, "published_on", on);
		*eff = on;
		return 0;
	}
	if (!strcmp(action, "respond")) {
		if (version != 2024)
			return err_set(e, RD_EINVAL, "year", "8.1",
				       "the annual complaints report (Code 8.1) is a 2024 Code report, for 2024/25 onwards");
		static const char *const keys[] = { "text", "responded_on", "body", NULL };

		*type = "annual_report.responded";
		if (js_only_keys(in, keys, "the response", e) ||
		    js_need_str(in, "text", 1, "8.2", &s, e) ||
		    on_or_today(in, "responded_on", today, &on, e) ||
		    js_need_str(in, "body", 0, NULL, &s, e))
			return -1;
		*payload = json_deep_copy(in);
		js_set_date(*payload, "responded_on", on);
		if (!js_str(in, "body"))
			json_object_set_new(*payload, "body", json_string("the governing body"));
		*eff = on;
		return 0;
	}
	return err_set(e, RD_EINVAL, "action", NULL,
		       "unknown action \"%s\": use comment, approve, publish or respond", action);
}

void prov_apply(json_t *st, const char *type, const json_t *p)
{
	if (json_is_integer(json_object_get(p, "year")))
		json_object_set(st, "year", json_object_get(p, "year"));
	if (!strcmp(type, "self_assessment.commented")) {
		json_t *c = json_object_get(st, "commentary");

		if (!json_is_object(c)) {
			c = json_object();
			json_object_set_new(st, "commentary", c);
		}
		json_object_set(c, js_str0(p, "provision"), (json_t *)p);
	} else if (!strcmp(type, "self_assessment.approved")) {
		json_object_set(st, "approved", (json_t *)p);
	} else if (!strcmp(type, "self_assessment.published")) {
		json_object_set(st, "published", (json_t *)p);
	} else if (!strcmp(type, "annual_report.responded")) {
		json_object_set(st, "response", (json_t *)p);
	}
}

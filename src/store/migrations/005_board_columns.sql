-- What the board pack and the self-assessment count, beside what the
-- Tenant Satisfaction Measures count (003): written by the
-- complaint_report_put and facts_put operations whenever a complaint
-- changes.  A report over a million complaints then reads one period's
-- rows through the date indexes and never parses a complaint's JSON.
ALTER TABLE complaints ADD COLUMN estate TEXT;
ALTER TABLE complaints ADD COLUMN building TEXT;
ALTER TABLE complaints ADD COLUMN closed_on TEXT;
ALTER TABLE complaints ADD COLUMN withdrawn_on TEXT;
-- stage 2 acknowledged within the Code's 5 working days (NULL: not yet
-- acknowledged, or a 2022-Code complaint, which had no such deadline)
ALTER TABLE complaints ADD COLUMN s2_ack_within INTEGER;
-- decisions per point of the definition, by stage
ALTER TABLE complaints ADD COLUMN s1_upheld INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN s1_partly_upheld INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN s1_not_upheld INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN s2_upheld INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN s2_partly_upheld INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN s2_not_upheld INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN remedies INTEGER NOT NULL DEFAULT 0;
-- 1 when the acknowledgement recorded the complaint definition and the
-- aspects the landlord is and is not responsible for (5.6, 5.7); NULL
-- until acknowledged
ALTER TABLE complaints ADD COLUMN s1_defined INTEGER;
ALTER TABLE complaints ADD COLUMN s2_defined INTEGER;
-- 1 when the stage 2 handler is not the stage 1 handler (6.13)
ALTER TABLE complaints ADD COLUMN s2_other_handler INTEGER;
-- the complaint is about a named member of staff; a handler was the
-- person complained about (5.8)
ALTER TABLE complaints ADD COLUMN about_staff INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN handler_is_subject INTEGER NOT NULL DEFAULT 0;
CREATE INDEX complaints_s1_acknowledged ON complaints (s1_acknowledged_on);
CREATE INDEX complaints_closed ON complaints (closed_on);
CREATE INDEX complaints_withdrawn ON complaints (withdrawn_on);

-- The parts of a complaint that come several to a complaint: extensions
-- (on: the day the resident was told), refusals (stage 1 refusals and
-- refused escalations; on: the day refused), remedies and outstanding
-- actions (on: the day their stage was answered, NULL until then).
CREATE TABLE complaint_facts (
	reference TEXT NOT NULL,
	kind TEXT NOT NULL,
	n INTEGER NOT NULL,
	stage INTEGER NOT NULL,
	on_date TEXT,
	code TEXT,		-- extension: the reason; refusal: the exclusion; remedy: the type
	detail TEXT,		-- extension: the good reason recorded, if any
	days INTEGER,		-- extension: working days
	amount REAL,		-- remedy: pounds (financial remedies)
	due_on TEXT,
	completed_on TEXT,
	flag INTEGER NOT NULL DEFAULT 0,	-- extension: beyond the Code's limit; refusal: explained
	PRIMARY KEY (reference, kind, n)
);
CREATE INDEX complaint_facts_on ON complaint_facts (kind, on_date);

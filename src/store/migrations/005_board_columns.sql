-- What the board pack and the self-assessment count, beside what the
-- Tenant Satisfaction Measures count (003): written by the
-- complaint_report_put and facts_put operations whenever a complaint
-- changes, so a report over a million complaints reads these columns and
-- never parses a complaint's JSON.  A period's rows are read by one
-- sequential scan (see sqlite.c), so no more date indexes are needed.
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
-- complaints received in a period by category, from the index alone
CREATE INDEX complaints_received_category ON complaints (received_on, category);

-- The parts of a complaint that come several to a complaint: extensions
-- (on: the day the resident was told), refusals (stage 1 refusals and
-- refused escalations; on: the day refused), remedies and outstanding
-- actions (on: the day their stage was answered, '' until then).  The
-- complaint's category is kept beside each fact for the category tables.
-- The table is kept in the order a period reads it: by kind and day.
CREATE TABLE complaint_facts (
	reference TEXT NOT NULL,
	kind TEXT NOT NULL,
	category TEXT,
	n INTEGER NOT NULL,
	stage INTEGER NOT NULL,
	on_date TEXT NOT NULL DEFAULT '',
	code TEXT,		-- extension: the reason; refusal: the exclusion; remedy: the type
	detail TEXT,		-- extension: the good reason recorded, if any
	days INTEGER,		-- extension: working days
	amount REAL,		-- remedy: pounds (financial remedies)
	due_on TEXT,
	completed_on TEXT,
	flag INTEGER NOT NULL DEFAULT 0,	-- extension: beyond the Code's limit; refusal: explained
	PRIMARY KEY (kind, on_date, reference, n)
) WITHOUT ROWID;
CREATE INDEX complaint_facts_reference ON complaint_facts (reference);

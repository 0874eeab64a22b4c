-- What the Tenant Satisfaction Measures and the board pack count, kept
-- beside each complaint so reports over a million complaints are a few
-- indexed aggregates.  Dates are YYYY-MM-DD text; NULL means "not yet".
ALTER TABLE complaints ADD COLUMN tenure TEXT;
ALTER TABLE complaints ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN s1_acknowledged_on TEXT;
ALTER TABLE complaints ADD COLUMN s1_ack_within INTEGER;
ALTER TABLE complaints ADD COLUMN s1_responded_on TEXT;
-- within the Code's timescale counting extensions the Code permits, and
-- counting none
ALTER TABLE complaints ADD COLUMN s1_within INTEGER;
ALTER TABLE complaints ADD COLUMN s1_within_no_ext INTEGER;
ALTER TABLE complaints ADD COLUMN s2_requested_on TEXT;
ALTER TABLE complaints ADD COLUMN s2_acknowledged_on TEXT;
ALTER TABLE complaints ADD COLUMN s2_responded_on TEXT;
ALTER TABLE complaints ADD COLUMN s2_within INTEGER;
ALTER TABLE complaints ADD COLUMN s2_within_no_ext INTEGER;
ALTER TABLE complaints ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN extended_beyond_code INTEGER NOT NULL DEFAULT 0;
CREATE INDEX complaints_s1_responded ON complaints (s1_responded_on);
CREATE INDEX complaints_s2_requested ON complaints (s2_requested_on);
CREATE INDEX complaints_s2_responded ON complaints (s2_responded_on);

-- Covering indexes for the Tenant Satisfaction Measures: each count of a
-- reporting year reads one range of one index and nothing else.  They
-- replace the single-column indexes of the same dates.
DROP INDEX complaints_received;
DROP INDEX complaints_s1_responded;
DROP INDEX complaints_s2_requested;
DROP INDEX complaints_s2_responded;
CREATE INDEX complaints_tsm_received ON complaints (received_on, tenure, refused);
CREATE INDEX complaints_tsm_s1_responded
	ON complaints (s1_responded_on, tenure, s1_within, s1_within_no_ext);
CREATE INDEX complaints_tsm_s2_requested ON complaints (s2_requested_on, tenure, status);
CREATE INDEX complaints_tsm_s2_acknowledged ON complaints (s2_acknowledged_on, tenure, status);
CREATE INDEX complaints_tsm_s2_responded
	ON complaints (s2_responded_on, tenure, s2_within, s2_within_no_ext);

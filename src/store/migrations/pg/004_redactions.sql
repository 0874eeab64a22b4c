-- Forgetting personal data in an append-only log: see the SQLite
-- migration 007_redactions.sql.  Only a payload listed as pending in
-- redactions may be replaced; nothing else of an event ever changes and
-- no event is ever deleted.
CREATE TABLE redactions (
	stream TEXT NOT NULL,
	seq BIGINT NOT NULL,
	payload_sha256 TEXT NOT NULL,
	redacted_on TEXT NOT NULL,
	pending INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (stream, seq)
);

CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS
$body$ BEGIN
	IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.stream = OLD.stream
	   AND NEW.seq = OLD.seq AND NEW.type = OLD.type AND NEW.actor = OLD.actor
	   AND NEW.recorded_at = OLD.recorded_at AND NEW.effective_on = OLD.effective_on
	   AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
	   AND EXISTS (SELECT 1 FROM redactions r
		       WHERE r.stream = OLD.stream AND r.seq = OLD.seq AND r.pending = 1) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'events are append-only';
END $body$;

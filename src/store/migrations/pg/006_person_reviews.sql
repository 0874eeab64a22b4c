-- When each person's reviews fall due: the same table as the SQLite
-- migration 009_person_reviews.sql.
CREATE TABLE person_reviews (
	person TEXT NOT NULL,
	review_on TEXT NOT NULL
);
CREATE INDEX person_reviews_on ON person_reviews (review_on);
CREATE INDEX person_reviews_person ON person_reviews (person);

INSERT INTO person_reviews (person, review_on)
SELECT a.state::jsonb ->> 'id', j.value ->> 'review_on'
FROM aggregates a,
     jsonb_array_elements(coalesce(a.state::jsonb -> 'adjustments', '[]'::jsonb)
			  || coalesce(a.state::jsonb -> 'restrictions', '[]'::jsonb)
			  || coalesce(a.state::jsonb -> 'disclosures', '[]'::jsonb)) j
WHERE a.kind = 'person' AND j.value ->> 'review_on' IS NOT NULL;

-- When each person's reasonable adjustments, contact restrictions and
-- disclosures fall due for review (Code 5.10, 5.14): written with the
-- person's state whenever it changes, so the dashboard finds the people
-- with a review due without reading every person.  A person may have
-- rows for reviews already done or ended: readers check the state.
CREATE TABLE person_reviews (
	person TEXT NOT NULL,
	review_on TEXT NOT NULL
);
CREATE INDEX person_reviews_on ON person_reviews (review_on);
CREATE INDEX person_reviews_person ON person_reviews (person);

INSERT INTO person_reviews (person, review_on)
SELECT json_extract(a.state, '$.id'), json_extract(j.value, '$.review_on')
FROM aggregates a, json_each(a.state, '$.adjustments') j
WHERE a.kind = 'person' AND json_extract(j.value, '$.review_on') IS NOT NULL
UNION ALL
SELECT json_extract(a.state, '$.id'), json_extract(j.value, '$.review_on')
FROM aggregates a, json_each(a.state, '$.restrictions') j
WHERE a.kind = 'person' AND json_extract(j.value, '$.review_on') IS NOT NULL
UNION ALL
SELECT json_extract(a.state, '$.id'), json_extract(j.value, '$.review_on')
FROM aggregates a, json_each(a.state, '$.disclosures') j
WHERE a.kind = 'person' AND json_extract(j.value, '$.review_on') IS NOT NULL;

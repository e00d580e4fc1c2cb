-- The people, places, organisations... mentioned most, by how many messages mention them.
-- Deduplicated by message id; entity texts that were personal data read as [TYPE].
WITH messages AS (
  SELECT detail,
         row_number() OVER (PARTITION BY detail.messageid ORDER BY detail.analysedat DESC, id) AS copy
  FROM analysed_messages
)
SELECT entity.type AS entity_type,
       entity.text AS entity,
       count(DISTINCT detail.messageid) AS messages
FROM messages
CROSS JOIN UNNEST(detail.analysis.textentities) AS e (entity)
WHERE copy = 1
  AND entity.score >= 0.5
GROUP BY entity.type, entity.text
ORDER BY messages DESC, entity_type, entity
LIMIT 50

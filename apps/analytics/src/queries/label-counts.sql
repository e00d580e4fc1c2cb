-- Image labels across every analysed image, most frequent first (the original design's query).
-- Deduplicated: EventBridge delivers at least once and archive replays re-deliver, so each
-- message counts once (its latest analysis), whatever number of copies the lake holds.
WITH messages AS (
  SELECT detail,
         row_number() OVER (PARTITION BY detail.messageid ORDER BY detail.analysedat DESC, id) AS copy
  FROM analysed_messages
)
SELECT label.name AS label,
       count(*) AS images
FROM messages
CROSS JOIN UNNEST(detail.analysis.images) AS i (image)
CROSS JOIN UNNEST(image.labels) AS l (label)
WHERE copy = 1
GROUP BY label.name
ORDER BY images DESC, label
LIMIT 100

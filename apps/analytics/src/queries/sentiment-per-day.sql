-- Messages per day and sentiment (messages whose sentiment was skipped or failed are left out).
-- Deduplicated by message id: each message counts once, with its latest analysis.
WITH messages AS (
  SELECT dt, detail,
         row_number() OVER (PARTITION BY detail.messageid ORDER BY detail.analysedat DESC, id) AS copy
  FROM analysed_messages
)
SELECT dt AS event_date,
       detail.analysis.textsentiment AS sentiment,
       count(*) AS messages
FROM messages
WHERE copy = 1
  AND detail.analysis.textsentiment IS NOT NULL
GROUP BY dt, detail.analysis.textsentiment
ORDER BY event_date, sentiment

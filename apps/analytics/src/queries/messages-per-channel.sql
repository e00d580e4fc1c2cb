-- Analysed messages per channel and day, with how many distinct authors wrote them.
-- Deduplicated by message id: each message counts once.
WITH messages AS (
  SELECT dt, detail,
         row_number() OVER (PARTITION BY detail.messageid ORDER BY detail.analysedat DESC, id) AS copy
  FROM analysed_messages
)
SELECT dt AS event_date,
       detail.channel AS channel,
       count(*) AS messages,
       count(DISTINCT detail.authorid) AS authors
FROM messages
WHERE copy = 1
GROUP BY dt, detail.channel
ORDER BY event_date, channel

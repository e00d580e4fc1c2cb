-- Who writes negative messages, per channel, most first.
-- Deduplicated by message id: each message counts once, with its latest analysis.
WITH messages AS (
  SELECT detail,
         row_number() OVER (PARTITION BY detail.messageid ORDER BY detail.analysedat DESC, id) AS copy
  FROM analysed_messages
)
SELECT detail.channel AS channel,
       detail.author AS author,
       count(*) AS negative_messages,
       max(detail.analysedat) AS latest_analysed_at
FROM messages
WHERE copy = 1
  AND detail.analysis.textsentiment = 'NEGATIVE'
GROUP BY detail.channel, detail.author
ORDER BY negative_messages DESC, latest_analysed_at DESC, channel, author
LIMIT 100

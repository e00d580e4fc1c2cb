-- Every event on the bus per day and detail-type: distinct events, and how many deliveries
-- the lake holds for them (deliveries - events = copies from redelivery or archive replays).
SELECT dt AS event_date,
       detail_type,
       count(DISTINCT id) AS events,
       count(*) AS deliveries
FROM events
GROUP BY dt, detail_type
ORDER BY event_date, detail_type

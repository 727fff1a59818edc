-- Delivered shipments per delivery day, carrier and country. An order counts once, in full, towards
-- late_order_value on a day when any of its shipments was late.
WITH delivered AS (
    SELECT
        CAST(s.delivered_at AS DATE) AS delivery_date,
        s.carrier_code,
        s.delivery_country_code,
        s.order_id,
        CAST(s.delivered_at AS DATE) <= s.promised_delivery_date AS on_time,
        epoch(s.delivered_at - s.shipped_at) / 3600 AS delivery_hours
    FROM shipments.shipments AS s
    WHERE s.shipment_status = 'delivered'
),
late_orders AS (
    SELECT DISTINCT d.delivery_date, d.carrier_code, d.delivery_country_code, d.order_id
    FROM delivered AS d
    WHERE NOT d.on_time
),
late_value AS (
    SELECT
        l.delivery_date,
        l.carrier_code,
        l.delivery_country_code,
        sum(round(o.net_amount * CASE o.currency_code WHEN 'EUR' THEN 1.0 WHEN 'SEK' THEN 0.086957
            WHEN 'DKK' THEN 0.134228 WHEN 'PLN' THEN 0.232558 WHEN 'GBP' THEN 1.176471 END, 2)) AS late_order_value
    FROM late_orders AS l
    JOIN orders.orders AS o USING (order_id)
    GROUP BY ALL
)
SELECT
    d.delivery_date,
    d.carrier_code,
    d.delivery_country_code,
    count(*) AS delivered_count,
    count(*) FILTER (WHERE d.on_time) AS on_time_count,
    count(*) FILTER (WHERE NOT d.on_time) AS late_count,
    count(*) FILTER (WHERE d.on_time) / count(*) AS on_time_rate,
    avg(d.delivery_hours) AS average_delivery_hours,
    coalesce(any_value(v.late_order_value), 0) AS late_order_value
FROM delivered AS d
LEFT JOIN late_value AS v USING (delivery_date, carrier_code, delivery_country_code)
GROUP BY d.delivery_date, d.carrier_code, d.delivery_country_code

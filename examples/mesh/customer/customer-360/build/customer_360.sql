-- One row per customer: profile, purchase history and delivery experience, with a lifecycle segment.
-- Cancelled orders do not count; returned orders count as orders but not as revenue.
WITH order_history AS (
    SELECT
        customer_id,
        min(order_date) AS first_order_date,
        max(order_date) AS last_order_date,
        count(*) AS order_count,
        sum(CASE WHEN order_status = 'returned' THEN 0 ELSE round(net_amount * CASE currency_code
            WHEN 'EUR' THEN 1.0 WHEN 'SEK' THEN 0.086957 WHEN 'DKK' THEN 0.134228 WHEN 'PLN' THEN 0.232558
            WHEN 'GBP' THEN 1.176471 END, 2) END) AS lifetime_net_revenue
    FROM orders.orders
    WHERE order_status <> 'cancelled'
    GROUP BY customer_id
),
late_deliveries AS (
    SELECT customer_id, count(*) AS late_delivery_count
    FROM shipments.shipments
    WHERE shipment_status = 'delivered'
      AND CAST(delivered_at AS DATE) > promised_delivery_date
      AND delivered_at >= current_date - INTERVAL 12 MONTH
    GROUP BY customer_id
)
SELECT
    c.customer_id,
    c.first_name,
    c.last_name,
    c.email,
    c.country_code,
    c.loyalty_tier,
    c.marketing_opt_in,
    h.first_order_date,
    h.last_order_date,
    coalesce(h.order_count, 0) AS order_count,
    coalesce(h.lifetime_net_revenue, 0) AS lifetime_net_revenue,
    h.lifetime_net_revenue / nullif(h.order_count, 0) AS average_order_value,
    coalesce(l.late_delivery_count, 0) AS late_delivery_count,
    CASE
        WHEN h.order_count IS NULL THEN 'prospect'
        WHEN h.first_order_date >= current_date - 90 THEN 'new'
        WHEN h.last_order_date >= current_date - 180 THEN 'active'
        WHEN h.last_order_date >= current_date - 365 THEN 'at_risk'
        ELSE 'lapsed'
    END AS customer_segment,
    current_date AS computed_on
FROM customers.customers AS c
LEFT JOIN order_history AS h USING (customer_id)
LEFT JOIN late_deliveries AS l USING (customer_id)

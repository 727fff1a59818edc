-- Revenue per order date, shipping country and channel, in EUR. Cancelled orders are not counted;
-- returned orders count with zero revenue on their order date.
WITH orders_in_eur AS (
    SELECT
        o.order_date,
        o.shipping_country_code,
        o.sales_channel,
        o.customer_id,
        o.order_status,
        CASE WHEN o.order_status = 'returned' THEN 0 ELSE round(o.net_amount * r.eur_per_unit, 2) END AS net_eur,
        CASE WHEN o.order_status = 'returned' THEN 0 ELSE round(o.tax_amount * r.eur_per_unit, 2) END AS tax_eur
    FROM orders.orders AS o
    JOIN eur_rates AS r USING (currency_code)
)
SELECT
    order_date AS revenue_date,
    shipping_country_code AS country_code,
    sales_channel,
    count(*) FILTER (WHERE order_status <> 'cancelled') AS order_count,
    count(DISTINCT customer_id) FILTER (WHERE order_status <> 'cancelled') AS customer_count,
    coalesce(sum(net_eur) FILTER (WHERE order_status <> 'cancelled'), 0) AS net_revenue,
    coalesce(sum(tax_eur) FILTER (WHERE order_status <> 'cancelled'), 0) AS tax_total,
    coalesce(sum(net_eur + tax_eur) FILTER (WHERE order_status <> 'cancelled'), 0) AS gross_revenue,
    sum(net_eur) FILTER (WHERE order_status <> 'cancelled')
        / nullif(count(*) FILTER (WHERE order_status <> 'cancelled'), 0) AS average_order_value
FROM orders_in_eur
GROUP BY ALL

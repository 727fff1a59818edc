-- Revenue per calendar month and country, with the same month a year earlier. A month is closed on
-- the fifth day of the next month.
WITH monthly AS (
    SELECT
        CAST(date_trunc('month', revenue_date) AS DATE) AS revenue_month,
        country_code,
        sum(order_count) AS order_count,
        sum(net_revenue) AS net_revenue,
        sum(tax_total) AS tax_total,
        sum(gross_revenue) AS gross_revenue
    FROM "daily-revenue".daily_revenue
    GROUP BY ALL
)
SELECT
    m.revenue_month,
    m.country_code,
    m.order_count,
    m.net_revenue,
    m.tax_total,
    m.gross_revenue,
    p.net_revenue AS net_revenue_previous_year,
    round(m.net_revenue / nullif(p.net_revenue, 0) - 1, 4) AS year_over_year_growth,
    m.revenue_month < CAST(date_trunc('month', current_date - INTERVAL 4 DAY) AS DATE) AS is_closed
FROM monthly AS m
LEFT JOIN monthly AS p
    ON p.country_code = m.country_code
    AND p.revenue_month = CAST(m.revenue_month - INTERVAL 1 YEAR AS DATE)

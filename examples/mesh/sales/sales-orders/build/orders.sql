-- Orders as the order system recorded them, without the QA team's test orders.
SELECT
    order_id,
    order_number,
    customer_id,
    order_date,
    ordered_at,
    sales_channel,
    order_status,
    currency_code,
    net_amount,
    tax_amount,
    gross_amount,
    shipping_country_code,
    updated_at
FROM source.orders_export
WHERE NOT is_test_order

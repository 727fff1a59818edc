-- The lines of the published orders (the lines of test orders go with them).
SELECT
    order_id,
    line_number,
    product_sku,
    product_name,
    quantity,
    unit_price,
    discount_amount,
    quantity * unit_price - discount_amount AS line_net_amount
FROM source.order_lines_export
WHERE order_id IN (SELECT order_id FROM orders)

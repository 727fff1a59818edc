-- Shipments from the warehouse feed, with the feed's text timestamps read as instants.
SELECT
    shipment_id,
    order_id,
    customer_id,
    carrier_code,
    service_level,
    tracking_number,
    recipient_name,
    delivery_street_address,
    delivery_postal_code,
    delivery_country_code,
    warehouse_code,
    CAST(shipped_at AS TIMESTAMPTZ) AS shipped_at,
    CAST(promised_delivery_date AS DATE) AS promised_delivery_date,
    CAST(delivered_at AS TIMESTAMPTZ) AS delivered_at,
    shipment_status,
    package_count,
    weight_kg
FROM source.shipments_feed

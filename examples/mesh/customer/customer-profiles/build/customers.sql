-- Customer master data, without the accounts erased on request (GDPR art. 17).
SELECT
    customer_id,
    first_name,
    last_name,
    lower(trim(email)) AS email,
    nullif(trim(phone), '') AS phone,
    date_of_birth,
    street_address,
    postal_code,
    city,
    upper(country_code) AS country_code,
    loyalty_tier,
    marketing_opt_in,
    created_at,
    updated_at
FROM source.crm_customers
WHERE NOT erased

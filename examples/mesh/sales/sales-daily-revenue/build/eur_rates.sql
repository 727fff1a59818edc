-- Reference rates to EUR (ECB, fixed for the example). A relation private to this build: it is not
-- published, and other products cannot read it.
SELECT * FROM (VALUES
    ('EUR', 1.0::DECIMAL(10,6)),
    ('SEK', 0.086957::DECIMAL(10,6)),
    ('DKK', 0.134228::DECIMAL(10,6)),
    ('PLN', 0.232558::DECIMAL(10,6)),
    ('GBP', 1.176471::DECIMAL(10,6))
) AS rates(currency_code, eur_per_unit)

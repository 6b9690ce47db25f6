-- The price book: versioned, regional, tiered AWS list prices (pricing module), and the Bedrock models it knows.
-- V3 is reserved for the ingest module's per-source statistics. The default us-east-1 prices are seeded by the
-- Java migration V5 (pricing/V5__Seed_default_prices.java) from DefaultPrices, the single source of those numbers.

-- A Bedrock model the book can price. display_name is the "model" attribute of the AWS Price List, which names
-- models by display name ("Claude 3 Haiku"), never by model id: it is how the importer maps offer rows to a model.
-- tokenizer: how ingest counts a message's tokens for this model. None of the models' own tokenizers is public,
-- so every count is an estimate (tokens_exact = false) until one is.
CREATE TABLE bedrock_models (
    model_id      text        PRIMARY KEY CHECK (model_id ~ '^[A-Za-z0-9._:/-]{1,200}$'),
    provider      text        NOT NULL,
    display_name  text        NOT NULL UNIQUE,
    tokenizer     text        NOT NULL CHECK (tokenizer ~ '^(cl100k_base|o200k_base|chars/[1-9][0-9]?)$'),
    tokens_exact  boolean     NOT NULL DEFAULT false,
    deprecated_at timestamptz
);

-- One row per price tier in force over [effective_from, effective_to). A changed price never updates a row: the
-- importer closes the rows in force (effective_to) and inserts the new ones, so any past cost can be re-priced
-- with the prices of its time. Tiers of a (service, region, dimension, variant) are versioned together.
--   variant:  sqs → queue type (standard, fifo); lambda → architecture (x86_64, arm64); bedrock → model id
--   tier:     [tier_start, tier_end) in the counted unit of a MONTH's usage (AWS beginRange/endRange); NULL = ∞
--   price:    price_per_unit USD per unit_quantity units, exactly as published (0.40 per 1000000 requests, or
--             0.0000004 per 1 request: both are the same price, and the importer compares them as such)
CREATE TABLE prices (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service        text        NOT NULL CHECK (service IN ('sqs', 'lambda', 'bedrock')),
    region         text        NOT NULL CHECK (region ~ '^[a-z]{2}(-[a-z]+)+-[0-9]$'),
    dimension      text        NOT NULL,
    variant        text        NOT NULL,
    tier_start     numeric     NOT NULL CHECK (tier_start >= 0),
    tier_end       numeric     CHECK (tier_end > tier_start),
    unit           text        NOT NULL,
    unit_quantity  numeric     NOT NULL CHECK (unit_quantity > 0),
    price_per_unit numeric     NOT NULL CHECK (price_per_unit >= 0),
    effective_from timestamptz NOT NULL,
    effective_to   timestamptz CHECK (effective_to > effective_from),
    source         text        NOT NULL
);

-- At most one tier row in force per position: a second concurrent import cannot open the same price twice.
CREATE UNIQUE INDEX prices_in_force_uq ON prices (service, region, dimension, variant, tier_start)
    WHERE effective_to IS NULL;
-- "Prices of a region at an instant": the lookup every cost computation makes.
CREATE INDEX prices_region_time_idx ON prices (region, service, variant, effective_from);

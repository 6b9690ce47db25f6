-- One counter that every change to the price book moves: any statement on prices or bedrock_models, whoever runs
-- it (the importer, `pricing import` in another process, an operator by hand, a restore). Caches of the book, in
-- any process and any instance, key their entries by it, so an entry from before a change is never read after it.
CREATE TABLE price_book_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint  NOT NULL
);
INSERT INTO price_book_version (version) VALUES (1);

CREATE FUNCTION bump_price_book_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE price_book_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER prices_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON prices
    FOR EACH STATEMENT EXECUTE FUNCTION bump_price_book_version();
CREATE TRIGGER bedrock_models_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bedrock_models
    FOR EACH STATEMENT EXECUTE FUNCTION bump_price_book_version();

package io.mockupaws.pricing;

import io.mockupaws.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * An offer file the importer refuses, naming the file and what is wrong: not JSON (400 {@code malformed-offer-file}),
 * an offer mockupAWS does not price (422 {@code unsupported-offer}), or not the AWS Price List structure
 * (422 {@code invalid-offer-file}). Nothing of the import is written when one is thrown.
 */
public class OfferFileException extends ApiException {

    private OfferFileException(HttpStatus status, String code, String message, String file) {
        super(status, code, message);
        with("file", file);
    }

    static OfferFileException malformed(String file, String why) {
        return new OfferFileException(HttpStatus.BAD_REQUEST, "malformed-offer-file", file + ": not valid JSON: " + why, file);
    }

    static OfferFileException unsupported(String file, String offerCode) {
        return new OfferFileException(HttpStatus.UNPROCESSABLE_CONTENT, "unsupported-offer", file + ": offer '" + offerCode
                + "' is not priced by mockupAWS; import the AWSQueueService (AmazonSQS), AWSLambda or AmazonBedrock offer",
                file);
    }

    static OfferFileException notAnOffer(String file, String why) {
        return new OfferFileException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-offer-file",
                file + ": not an AWS Price List offer file: " + why, file);
    }
}

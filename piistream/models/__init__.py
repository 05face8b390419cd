"""Detection core: candidate recognizers, validators, scorers, redaction. Free of Kafka."""

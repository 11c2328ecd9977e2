package dev.tangle.tools.bench;

/** The system to measure is not there (the dev stack is not running); peers marks it "not running". */
final class TargetUnavailable extends RuntimeException {

    TargetUnavailable(String message) {
        super(message);
    }
}

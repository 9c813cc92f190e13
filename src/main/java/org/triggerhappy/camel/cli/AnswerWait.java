package org.triggerhappy.camel.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.triggerhappy.camel.cli.AuthorisationAnswer.Verdict;

/**
 * The one answer a sign-in waits for, taken from whichever source offers it first (the browser's callback or a line
 * pasted in the terminal); answers to another sign-in are turned away and the wait goes on.
 */
final class AnswerWait {
    private final String temporaryToken;
    private final CompletableFuture<AuthorisationAnswer> answer = new CompletableFuture<>();

    AnswerWait(String temporaryToken) {
        this.temporaryToken = temporaryToken;
    }

    /** What {@link #offer} would make of this answer, without taking it. */
    Verdict judge(AuthorisationAnswer candidate, boolean fromCallback) {
        return candidate.verdictFor(temporaryToken, fromCallback);
    }

    /** Takes the answer unless it is {@link Verdict#FOREIGN}; the first answer taken wins. */
    Verdict offer(AuthorisationAnswer candidate, boolean fromCallback) {
        Verdict verdict = judge(candidate, fromCallback);
        if (verdict != Verdict.FOREIGN) {
            answer.complete(candidate);
        }
        return verdict;
    }

    boolean answered() {
        return answer.isDone();
    }

    /** The answer taken, waiting at most {@code timeout}. */
    AuthorisationAnswer await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }
}

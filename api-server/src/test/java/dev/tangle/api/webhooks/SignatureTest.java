package dev.tangle.api.webhooks;

import dev.tangle.common.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureTest {

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        // the example of the Standard Webhooks specification and its reference libraries
        assertThat(Signature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void newSecretsAreUsableAndClientSecretsAreChecked() {
        String secret = Signature.newSecret();
        assertThat(Signature.checkSecret("secret", secret)).isEqualTo(secret);
        for (String bad : new String[] {"plain", "whsec_", "whsec_!!!", "whsec_c2hvcnQ="}) {
            assertThatThrownBy(() -> Signature.checkSecret("secret", bad)).as(bad).isInstanceOf(ApiException.class);
        }
    }
}

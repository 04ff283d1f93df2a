package io.tnet.service.models;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tnet.service.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Token sources and which operations need the token. */
class BearerAuthTest {

    static ModelsProperties props(ModelsProperties.Auth auth) {
        return new ModelsProperties(null, "", new ModelsProperties.Batching(null, null, null, null, null), auth,
                DataSize.ofMegabytes(1), Duration.ofSeconds(1));
    }


    @Test
    void withoutTokenUploadIsForbiddenAndTheRestOpen() {
        BearerAuth auth = new BearerAuth(props(new ModelsProperties.Auth("", null, false)));
        assertThatThrownBy(() -> auth.requireForUpload("Bearer x")).isInstanceOf(ServiceException.class)
                .extracting(e -> ((ServiceException) e).status()).isEqualTo(ServiceException.Status.FORBIDDEN);
        assertThatCode(() -> auth.requireForManagement(null)).doesNotThrowAnyException();
        assertThatCode(() -> auth.requireForInference(null)).doesNotThrowAnyException();
    }

    @Test
    void tokenFromFileProtectsManagementAndOptionallyInference(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("token"), "from-file\n");
        BearerAuth auth = new BearerAuth(props(new ModelsProperties.Auth("ignored", secret, true)));
        assertThatCode(() -> auth.requireForUpload("Bearer from-file")).doesNotThrowAnyException();
        assertThatCode(() -> auth.requireForManagement("bearer from-file")).doesNotThrowAnyException();
        assertThatCode(() -> auth.requireForInference("Bearer from-file")).doesNotThrowAnyException();
        for (String bad : new String[]{null, "Bearer ignored", "Basic from-file", "Bearer"}) {
            assertThatThrownBy(() -> auth.requireForInference(bad)).isInstanceOf(ServiceException.class)
                    .extracting(e -> ((ServiceException) e).status()).isEqualTo(ServiceException.Status.UNAUTHORIZED);
        }
        BearerAuth open = new BearerAuth(props(new ModelsProperties.Auth("t", null, false)));
        assertThatCode(() -> open.requireForInference(null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> open.requireForManagement(null)).isInstanceOf(ServiceException.class);
    }

    @Test
    void protectingInferenceWithoutATokenIsAConfigurationError() {
        assertThatThrownBy(() -> new BearerAuth(props(new ModelsProperties.Auth("", null, true))))
                .hasMessageContaining("tnet.models.auth.token");
    }
}

package io.tnet.model.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.tnet.model.InvalidModelException;
import io.tnet.model.Model;
import io.tnet.model.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutates valid model files (bit flips, truncations, header byte and number edits) and checks that the
 * reader only ever returns a valid model or throws {@link InvalidModelException}: never an NPE, an index
 * error, an OOM or any other exception. A model that does come back must survive a write/read cycle.
 */
class ModelReaderFuzzTest {

    /** Small limits so that "allocate what the header says" bugs would show up as OOM-free failures too. */
    static final ReadLimits LIMITS = new ReadLimits(64 * 1024, 1 << 20, 1 << 16);

    static final List<byte[]> VALID = List.of(
            ModelWriter.toBytes(TestModels.floatMlp(1)),
            ModelWriter.toBytes(TestModels.int8Mlp(2)),
            ModelWriter.toBytes(TestModels.cnn(3, false)),
            ModelWriter.toBytes(TestModels.cnn(4, true)));

    static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    static final List<String> NUMBERS = List.of("0", "-1", "1", "2", "3", "7", "127", "128", "255", "-128", "2147483647",
            "2147483648", "-2147483649", "9223372036854775807", "18446744073709551616", "1e30", "-0", "0.5", "1e-45");
    static final String ALPHABET = "{}[]\":,\\ -.0123456789eEFIabcdefghijklmnopqrstuvwxyz_\u00e9\u0000";

    @Property(tries = 400)
    void bitFlips(@ForAll("bitFlipped") byte[] file) {
        check(file);
    }

    @Property(tries = 200)
    void truncations(@ForAll("truncated") byte[] file) {
        check(file);
    }

    @Property(tries = 400)
    void headerByteEdits(@ForAll("headerByteEdited") byte[] file) {
        check(file);
    }

    @Property(tries = 400)
    void headerNumberEdits(@ForAll("headerNumberEdited") byte[] file) {
        check(file);
    }

    static void check(byte[] file) {
        Model model;
        try {
            model = ModelReader.read(file, LIMITS);
        } catch (InvalidModelException expected) {
            assertThat(expected.problem()).isNotNull();
            return;
        }
        assertThat(ModelReader.read(ModelWriter.toBytes(model), LIMITS)).isEqualTo(model);
    }

    @Provide
    Arbitrary<byte[]> bitFlipped() {
        return Arbitraries.of(VALID).flatMap(f -> Arbitraries.integers().between(0, f.length * 8 - 1)
                .list().ofMinSize(1).ofMaxSize(4)
                .map(bits -> {
                    byte[] copy = f.clone();
                    bits.forEach(b -> copy[b / 8] ^= (byte) (1 << (b % 8)));
                    return copy;
                }));
    }

    @Provide
    Arbitrary<byte[]> truncated() {
        return Arbitraries.of(VALID).flatMap(f -> Arbitraries.integers().between(0, f.length - 1)
                .map(n -> Arrays.copyOf(f, n)));
    }

    /** Replaces, inserts or deletes bytes inside the JSON header, then fixes the length field. */
    @Provide
    Arbitrary<byte[]> headerByteEdited() {
        return Arbitraries.of(VALID).flatMap(f -> {
            int n = headerLength(f);
            return Combinators.combine(
                    Arbitraries.integers().between(0, n - 1),
                    Arbitraries.integers().between(0, 2),
                    Arbitraries.chars().with(ALPHABET.toCharArray()),
                    Arbitraries.integers().between(1, 8)).as((pos, op, c, len) -> {
                        String h = new String(f, 8, n, StandardCharsets.UTF_8);
                        int p = Math.min(pos, h.length() - 1);
                        String edited = switch (op) {
                            case 0 -> h.substring(0, p) + c + h.substring(p + 1);
                            case 1 -> h.substring(0, p) + c + h.substring(p);
                            default -> h.substring(0, p) + h.substring(Math.min(h.length(), p + len));
                        };
                        return ModelFiles.join(edited, Arrays.copyOfRange(f, 8 + n, f.length));
                    });
        });
    }

    /** Replaces one number of the header (offsets, shapes, graph dims, shifts...) with an edge value. */
    @Provide
    Arbitrary<byte[]> headerNumberEdited() {
        return Arbitraries.of(VALID).flatMap(f -> {
            int n = headerLength(f);
            String h = new String(f, 8, n, StandardCharsets.UTF_8);
            List<int[]> spans = NUMBER.matcher(h).results().map(m -> new int[] {m.start(), m.end()}).toList();
            return Combinators.combine(Arbitraries.of(spans), Arbitraries.of(NUMBERS))
                    .as((span, value) -> {
                        String edited = h.substring(0, span[0]) + value + h.substring(span[1]);
                        byte[] data = Arrays.copyOfRange(f, 8 + n, f.length);
                        return ModelFiles.join(edited, data);
                    });
        });
    }

    static int headerLength(byte[] f) {
        return (int) ByteBuffer.wrap(f, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}

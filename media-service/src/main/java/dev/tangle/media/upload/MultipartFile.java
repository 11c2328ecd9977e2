package dev.tangle.media.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tangle.common.error.Problems;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Finds the {@code file} part of a {@code multipart/form-data} body with mime4j's streaming parser and hands its
 * bytes, as a stream, to the caller: nothing is buffered beyond the parser's line buffer. Other parts are skipped.
 */
final class MultipartFile {

    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"?([^\";]*)\"?");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"?([^\";]*)\"?");

    private MultipartFile() {
    }

    /** Calls {@code consumer(stream, filename)} with the {@code file} part; 400 naming {@code file} if there is none. */
    static <T> T read(InputStream body, String contentType, BiFunction<InputStream, String, T> consumer) {
        MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(16 * 1024).setMaxHeaderCount(100)
                .setMaxContentLen(-1).build();
        MimeTokenStream stream = new MimeTokenStream(config);
        stream.parseHeadless(body, contentType);
        try {
            String name = null;
            String filename = null;
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_BODYPART -> {
                        name = null;
                        filename = null;
                    }
                    case T_FIELD -> {
                        Field field = stream.getField();
                        if (field.getName().equalsIgnoreCase("Content-Disposition")) {
                            name = group(NAME, field.getBody()).orElse(null);
                            filename = group(FILENAME, field.getBody()).orElse(null);
                        }
                    }
                    case T_BODY -> {
                        if ("file".equals(name)) {
                            return consumer.apply(stream.getDecodedInputStream(), filename);
                        }
                    }
                    default -> {
                        // preamble, epilogue, headers of other parts
                    }
                }
            }
        } catch (IOException | MimeException e) {
            throw Problems.badRequest("malformed_multipart", "The multipart body could not be read");
        }
        throw Problems.validation("file", "is required: a multipart part named file");
    }

    private static Optional<String> group(Pattern p, String value) {
        Matcher m = p.matcher(value);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

package dev.tangle.media.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few libvips 8 functions media-service needs, bound through the FFM API to the OS's {@code libvips.so.42}
 * (Debian {@code libvips42}). {@link #load()} fails with {@link VipsUnavailable} and a message saying what to
 * install when the library is missing or older than {@value #MIN_MAJOR}.{@value #MIN_MINOR} (docs/adr/0081).
 *
 * <p>Every function returning an image hands back a {@link VipsImage} the caller must close (it drops the
 * GObject reference). libvips is thread safe; its error buffer is process wide, so a message read after a failed
 * call may, under concurrency, also hold another thread's error.
 */
public final class Vips {

    public static final int MIN_MAJOR = 8;
    public static final int MIN_MINOR = 12;
    /** {@code VipsSize}: only shrink. */
    static final int SIZE_DOWN = 2;
    /** {@code VipsAccess}: sequential, what a one-pass thumbnail needs; opening reads only the header. */
    static final int ACCESS_SEQUENTIAL = 1;

    /** {@code VipsFailOn}: decode whatever can be decoded. */
    public static final int FAIL_ON_NONE = 0;
    /** {@code VipsFailOn}: a truncated file is an error. */
    public static final int FAIL_ON_TRUNCATED = 1;
    /** {@code VipsFailOn}: any decoder error is an error. */
    public static final int FAIL_ON_ERROR = 2;

    private static volatile Vips instance;

    private final MethodHandle errorBuffer;
    private final MethodHandle errorClear;
    private final MethodHandle newFromFile;
    private final MethodHandle getWidth;
    private final MethodHandle getHeight;
    private final MethodHandle getBands;
    private final MethodHandle getFormat;
    private final MethodHandle getInt;
    private final MethodHandle thumbnail;
    private final MethodHandle thumbnailBuffer;
    private final MethodHandle thumbnailImage;
    private final MethodHandle jpegsave;
    private final MethodHandle webpsave;
    private final MethodHandle writeToMemory;
    private final MethodHandle gFree;
    private final MethodHandle unref;
    private final MethodHandle memHighwater;
    private final MethodHandle concurrencySet;
    private final String version;

    private Vips(SymbolLookup lib) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle versionFn = fn(linker, lib, "vips_version", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        int major = (int) versionFn.invokeExact(0);
        int minor = (int) versionFn.invokeExact(1);
        int micro = (int) versionFn.invokeExact(2);
        this.version = major + "." + minor + "." + micro;
        if (major < MIN_MAJOR || major == MIN_MAJOR && minor < MIN_MINOR) {
            throw new VipsUnavailable("libvips " + version + " is too old: media-service needs " + MIN_MAJOR + "."
                                      + MIN_MINOR + " or newer (Debian/Ubuntu: apt-get install libvips42)");
        }
        MethodHandle init = fn(linker, lib, "vips_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            if ((int) init.invokeExact(arena.allocateFrom("tangle-media")) != 0) {
                throw new VipsUnavailable("vips_init failed");
            }
        }
        MethodHandle cacheMax = fn(linker, lib, "vips_cache_set_max", FunctionDescriptor.ofVoid(JAVA_INT));
        cacheMax.invokeExact(0); // every file is processed once; the operation cache would only hold memory
        MethodHandle blockUntrusted = fn(linker, lib, "vips_block_untrusted_set", FunctionDescriptor.ofVoid(JAVA_INT));
        blockUntrusted.invokeExact(1); // loaders libvips marks untrusted (fuzzing-grade risk) refuse to run
        errorBuffer = fn(linker, lib, "vips_error_buffer", FunctionDescriptor.of(ADDRESS));
        errorClear = fn(linker, lib, "vips_error_clear", FunctionDescriptor.ofVoid());
        newFromFile = variadic(linker, lib, "vips_image_new_from_file",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS), 1);
        getWidth = fn(linker, lib, "vips_image_get_width", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getHeight = fn(linker, lib, "vips_image_get_height", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getBands = fn(linker, lib, "vips_image_get_bands", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getFormat = fn(linker, lib, "vips_image_get_format", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getInt = fn(linker, lib, "vips_image_get_int", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        // (filename, out, width, "height", h, "size", DOWN, "fail_on", level, NULL)
        thumbnail = variadic(linker, lib, "vips_thumbnail", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), 3);
        thumbnailBuffer = variadic(linker, lib, "vips_thumbnail_buffer", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), 4);
        thumbnailImage = variadic(linker, lib, "vips_thumbnail_image", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), 3);
        // (in, filename, "Q", q, "strip", TRUE, NULL)
        FunctionDescriptor save = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS,
                JAVA_INT, ADDRESS);
        jpegsave = variadic(linker, lib, "vips_jpegsave", save, 2);
        webpsave = variadic(linker, lib, "vips_webpsave", save, 2);
        writeToMemory = fn(linker, lib, "vips_image_write_to_memory", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        gFree = fn(linker, lib, "g_free", FunctionDescriptor.ofVoid(ADDRESS));
        unref = fn(linker, lib, "g_object_unref", FunctionDescriptor.ofVoid(ADDRESS));
        memHighwater = fn(linker, lib, "vips_tracked_get_mem_highwater", FunctionDescriptor.of(JAVA_LONG));
        concurrencySet = fn(linker, lib, "vips_concurrency_set", FunctionDescriptor.ofVoid(JAVA_INT));
    }

    /** The process's libvips, loaded and initialised once; fails with a clear message when it cannot be. */
    public static Vips load() {
        Vips v = instance;
        if (v != null) {
            return v;
        }
        synchronized (Vips.class) {
            if (instance == null) {
                instance = load("libvips.so.42");
            }
            return instance;
        }
    }

    /** Binds the named shared library (tests name one that does not exist). */
    static Vips load(String library) {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new VipsUnavailable("libvips (" + library + ") is not installed: media-service needs libvips "
                                      + MIN_MAJOR + "." + MIN_MINOR + "+ (Debian/Ubuntu: apt-get install libvips42)");
        }
        try {
            return new Vips(lib);
        } catch (VipsUnavailable e) {
            throw e;
        } catch (Throwable e) {
            throw new VipsUnavailable("libvips could not be bound: " + e.getMessage());
        }
    }

    public String version() {
        return version;
    }

    /** Opens an image lazily (sequential access): only its header is read until pixels are asked for. */
    public VipsImage open(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment image = (MemorySegment) newFromFile.invokeExact(arena.allocateFrom(file.toString()),
                    arena.allocateFrom("access"), ACCESS_SEQUENTIAL, MemorySegment.NULL);
            return wrap(image, "open");
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code vips_thumbnail}: loads with shrink-on-load, applies the EXIF orientation, and fits the image inside
     * {@code width} × {@code height}, never enlarging.
     *
     * @param failOn what the loader treats as an error: {@link #FAIL_ON_NONE}, {@link #FAIL_ON_TRUNCATED} …
     */
    public VipsImage thumbnail(Path file, int width, int height, int failOn) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) thumbnail.invokeExact(arena.allocateFrom(file.toString()), out, width,
                    arena.allocateFrom("height"), height, arena.allocateFrom("size"), SIZE_DOWN,
                    arena.allocateFrom("fail_on"), failOn, MemorySegment.NULL);
            return result(rc, out, "thumbnail");
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code vips_thumbnail_buffer}: as {@link #thumbnail} from encoded bytes in memory. */
    public VipsImage thumbnailBuffer(byte[] encoded, int width, int height) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(encoded.length);
            MemorySegment.copy(encoded, 0, buf, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, encoded.length);
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) thumbnailBuffer.invokeExact(buf, (long) encoded.length, out, width,
                    arena.allocateFrom("height"), height, arena.allocateFrom("size"), SIZE_DOWN, MemorySegment.NULL);
            return result(rc, out, "thumbnail_buffer");
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code vips_thumbnail_image}: shrinks an already open image (no shrink-on-load). */
    public VipsImage thumbnailImage(VipsImage in, int width, int height) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) thumbnailImage.invokeExact(in.pointer(), out, width, arena.allocateFrom("height"), height,
                    arena.allocateFrom("size"), SIZE_DOWN, MemorySegment.NULL);
            return result(rc, out, "thumbnail_image");
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code vips_jpegsave} with {@code strip}: no EXIF, XMP, IPTC or ICC metadata is written. */
    public void saveJpeg(VipsImage image, Path file, int quality) {
        save(jpegsave, "jpegsave", image, file, quality);
    }

    /** {@code vips_webpsave} with {@code strip}. */
    public void saveWebp(VipsImage image, Path file, int quality) {
        save(webpsave, "webpsave", image, file, quality);
    }

    private void save(MethodHandle saver, String name, VipsImage image, Path file, int quality) {
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) saver.invokeExact(image.pointer(), arena.allocateFrom(file.toString()),
                    arena.allocateFrom("Q"), quality, arena.allocateFrom("strip"), 1, MemorySegment.NULL);
            if (rc != 0) {
                throw error(name);
            }
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code vips_concurrency_set}: worker threads libvips uses inside one pipeline (0: its default, the cores).
     * media-service runs jobs in parallel already and sets 1: fewer threads, less memory per job.
     */
    public void concurrency(int threads) {
        try {
            concurrencySet.invokeExact(threads);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code vips_tracked_get_mem_highwater}: the most pixel-buffer memory libvips held at once so far. */
    public long memoryHighwater() {
        try {
            return (long) memHighwater.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    int width(MemorySegment image) {
        try {
            return (int) getWidth.invokeExact(image);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    int height(MemorySegment image) {
        try {
            return (int) getHeight.invokeExact(image);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    int bands(MemorySegment image) {
        try {
            return (int) getBands.invokeExact(image);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    int format(MemorySegment image) {
        try {
            return (int) getFormat.invokeExact(image);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** An int header field ({@code orientation}, {@code n-pages}), if the image has it. */
    java.util.OptionalInt intField(MemorySegment image, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            int rc = (int) getInt.invokeExact(image, arena.allocateFrom(name), out);
            if (rc != 0) {
                clearError();
                return java.util.OptionalInt.empty();
            }
            return java.util.OptionalInt.of(out.get(JAVA_INT, 0));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes the whole image into memory as packed band-interleaved pixels. */
    byte[] pixels(MemorySegment image) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            MemorySegment data = (MemorySegment) writeToMemory.invokeExact(image, size);
            if (data.equals(MemorySegment.NULL)) {
                throw error("write_to_memory");
            }
            long n = size.get(JAVA_LONG, 0);
            try {
                return data.reinterpret(n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            } finally {
                gFree.invokeExact(data);
            }
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    void unref(MemorySegment image) {
        try {
            unref.invokeExact(image);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private VipsImage result(int rc, MemorySegment out, String op) {
        if (rc != 0) {
            throw error(op);
        }
        return new VipsImage(this, out.get(ADDRESS, 0));
    }

    private VipsImage wrap(MemorySegment image, String op) {
        if (image.equals(MemorySegment.NULL)) {
            throw error(op);
        }
        return new VipsImage(this, image);
    }

    private VipsException error(String op) {
        String message;
        try {
            MemorySegment buffer = (MemorySegment) errorBuffer.invokeExact();
            message = buffer.reinterpret(4096).getString(0).trim();
        } catch (Throwable e) {
            message = "";
        }
        clearError();
        return new VipsException(op + ": " + (message.isEmpty() ? "failed" : message));
    }

    private void clearError() {
        try {
            errorClear.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle fn(Linker linker, SymbolLookup lib, String name, FunctionDescriptor descriptor) {
        return linker.downcallHandle(lib.find(name).orElseThrow(() -> missing(name)), descriptor);
    }

    private static MethodHandle variadic(Linker linker, SymbolLookup lib, String name, FunctionDescriptor descriptor,
                                         int firstVariadic) {
        return linker.downcallHandle(lib.find(name).orElseThrow(() -> missing(name)), descriptor,
                Linker.Option.firstVariadicArg(firstVariadic));
    }

    private static VipsUnavailable missing(String name) {
        return new VipsUnavailable("libvips has no " + name + ": it is older than " + MIN_MAJOR + "." + MIN_MINOR
                                   + " (Debian/Ubuntu: apt-get install libvips42)");
    }
}

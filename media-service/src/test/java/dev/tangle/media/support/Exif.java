package dev.tangle.media.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes a minimal big-endian EXIF APP1 segment: IFD0 (Make, Orientation, GPS pointer) and a GPS IFD. */
final class Exif {

    private Exif() {
    }

    static byte[] app1(int orientation, double lat, double lon, String make) {
        ByteBuffer tiff = ByteBuffer.allocate(512).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        byte[] makeBytes = (make + "\0").getBytes(StandardCharsets.US_ASCII);
        // IFD0 at 8: 3 entries
        int ifd0 = 8;
        int ifd0Size = 2 + 3 * 12 + 4;
        int makeOffset = ifd0 + ifd0Size;
        int gpsOffset = makeOffset + makeBytes.length + (makeBytes.length % 2);
        tiff.putShort((short) 3);
        entry(tiff, 0x010F, 2, makeBytes.length, makeOffset);          // Make
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        entry(tiff, 0x8825, 4, 1, gpsOffset);                           // GPS IFD pointer
        tiff.putInt(0);
        tiff.put(makeBytes);
        if (makeBytes.length % 2 == 1) {
            tiff.put((byte) 0);
        }
        // GPS IFD: 4 entries, rationals after it
        int gpsSize = 2 + 4 * 12 + 4;
        int latValue = gpsOffset + gpsSize;
        int lonValue = latValue + 24;
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) (lat >= 0 ? 'N' : 'S')).put((byte) 0).putShort((short) 0);
        entry(tiff, 2, 5, 3, latValue);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) (lon >= 0 ? 'E' : 'W')).put((byte) 0).putShort((short) 0);
        entry(tiff, 4, 5, 3, lonValue);
        tiff.putInt(0);
        degrees(tiff, Math.abs(lat));
        degrees(tiff, Math.abs(lon));
        int length = tiff.position();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int segment = 2 + 6 + length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(segment >> 8);
        out.write(segment & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.write(tiff.array(), 0, length);
        return out.toByteArray();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static void degrees(ByteBuffer b, double value) {
        int d = (int) value;
        double minutesFull = (value - d) * 60;
        int m = (int) minutesFull;
        int s100 = (int) Math.round((minutesFull - m) * 60 * 100);
        b.putInt(d).putInt(1).putInt(m).putInt(1).putInt(s100).putInt(100);
    }
}

package org.triggerhappy.camel.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Real image files, made on the spot: noise so that the encoders cannot shrink them to nothing. */
public final class TestImages {
    private TestImages() {
    }

    public static byte[] png(int width, int height, long seed) {
        return encode("png", width, height, seed);
    }

    public static byte[] jpeg(int width, int height, long seed) {
        return encode("jpg", width, height, seed);
    }

    public static byte[] gif(int width, int height, long seed) {
        return encode("gif", width, height, seed);
    }

    private static byte[] encode(String format, int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, r.nextInt(0xFFFFFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

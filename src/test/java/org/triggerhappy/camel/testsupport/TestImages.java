package org.triggerhappy.camel.testsupport;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Real GIF, JPEG and PNG files made with ImageIO, different for each seed. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] png(int width, int height, int seed) {
        return encode("png", width, height, seed);
    }

    public static byte[] gif(int width, int height, int seed) {
        return encode("gif", width, height, seed);
    }

    public static byte[] jpeg(int width, int height, int seed) {
        return encode("jpg", width, height, seed);
    }

    /** A PNG of at least {@code minBytes} bytes: noise does not compress. */
    public static byte[] largePng(int minBytes, int seed) {
        int side = (int) Math.ceil(Math.sqrt(minBytes / 3.0)) + 8;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return write(image, "png");
    }

    private static byte[] encode(String format, int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(Color.HSBtoRGB((seed * 0.137f) % 1f, 0.8f, 0.9f)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.drawLine(0, seed % Math.max(1, height), width - 1, height - 1);
        g.dispose();
        return write(image, format);
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.triggerhappy.camel.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A pool of real PNG and JPEG images of 20–60 KB (gradients with noise, which compress like photos), made once per
 * farm. Each article uses 3 different ones; every image URL of the farm maps to one of them.
 */
final class ArticleImages {
    static final int POOL = 12;
    static final int MIN_BYTES = 20 * 1024;
    static final int MAX_BYTES = 60 * 1024;

    private final byte[][] images = new byte[POOL][];

    ArticleImages() {
        System.setProperty("java.awt.headless", "true");
        for (int i = 0; i < POOL; i++) {
            int target = MIN_BYTES + 2048 + (MAX_BYTES - MIN_BYTES - 4096) * i / (POOL - 1);
            images[i] = render(i, extension(i), target);
        }
    }

    byte[] bytes(int index) {
        return images[index];
    }

    /** Pool index of image {@code k} (0..2) of an article: distinct for the 3 images of one article. */
    static int indexFor(int feed, int seq, int k) {
        int base = Math.floorMod(feed * 31 + seq * 7, POOL);
        return (base + k * (POOL / ArticlePages.IMAGES_PER_ARTICLE)) % POOL;
    }

    static String extension(int index) {
        return index % 2 == 0 ? "png" : "jpg";
    }

    static String contentType(int index) {
        return index % 2 == 0 ? "image/png" : "image/jpeg";
    }

    /** Scales the picture until its encoding lands within a few KB of the target size. */
    private static byte[] render(int seed, String format, int target) {
        int side = format.equals("png") ? 90 : 200;
        byte[] best = null;
        for (int attempt = 0; attempt < 12; attempt++) {
            byte[] encoded = encode(picture(seed, side, side * 3 / 4), format);
            best = encoded;
            if (Math.abs(encoded.length - target) < 2048) {
                break;
            }
            side = Math.max(16, (int) (side * Math.sqrt((double) target / encoded.length)));
        }
        if (best.length < MIN_BYTES || best.length > MAX_BYTES) {
            throw new IllegalStateException(format + " image of " + best.length + " bytes, wanted about " + target);
        }
        return best;
    }

    private static BufferedImage picture(int seed, int w, int h) {
        Random r = new Random(seed * 7919L + w);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int c1 = r.nextInt(0xFFFFFF);
        int c2 = r.nextInt(0xFFFFFF);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = (x + y) / (double) (w + h);
                int rgb = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int a = (c1 >> shift) & 0xFF;
                    int b = (c2 >> shift) & 0xFF;
                    int v = (int) (a + (b - a) * t) + r.nextInt(48) - 24;
                    rgb |= Math.max(0, Math.min(255, v)) << shift;
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) {
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

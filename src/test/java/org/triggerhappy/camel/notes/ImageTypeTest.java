package org.triggerhappy.camel.notes;

import org.junit.jupiter.api.Test;
import org.triggerhappy.camel.testsupport.TestImages;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Type and size from the bytes of real ImageIO files; anything else is not an inline image. */
class ImageTypeTest {

    @Test
    void png_gif_and_jpeg_are_recognised_with_their_size() {
        assertThat(ImageType.detect(TestImages.png(31, 17, 1))).contains(new ImageType.Info(ImageType.PNG, 31, 17));
        assertThat(ImageType.detect(TestImages.gif(40, 3, 2))).contains(new ImageType.Info(ImageType.GIF, 40, 3));
        assertThat(ImageType.detect(TestImages.jpeg(640, 480, 3)))
                .contains(new ImageType.Info(ImageType.JPEG, 640, 480));
    }

    @Test
    void markup_text_and_other_formats_are_not_images() {
        for (String text : new String[] {"<html><body>Not found</body></html>",
                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "", "GIF8", "RIFF....WEBPVP8 "}) {
            assertThat(ImageType.detect(text.getBytes(StandardCharsets.UTF_8))).as(text).isEmpty();
        }
        assertThat(ImageType.detect(null)).isEmpty();
        assertThat(ImageType.detect(new byte[] {'B', 'M', 0, 0, 0, 0})).isEmpty();
    }

    @Test
    void a_truncated_header_keeps_the_type_without_a_size() {
        byte[] png = Arrays.copyOf(TestImages.png(5, 5, 4), 10);
        assertThat(ImageType.detect(png)).contains(new ImageType.Info(ImageType.PNG, null, null));
        byte[] jpeg = Arrays.copyOf(TestImages.jpeg(5, 5, 4), 6);
        assertThat(ImageType.detect(jpeg)).contains(new ImageType.Info(ImageType.JPEG, null, null));
    }

    @Test
    void file_names_take_the_extension_of_the_real_type() {
        assertThat(NoteResource.fileName("https://e.org/a/photo.png?x=1", ImageType.JPEG)).isEqualTo("photo.jpg");
        assertThat(NoteResource.fileName("https://e.org/img.php?id=3", ImageType.GIF)).isEqualTo("img.gif");
        assertThat(NoteResource.fileName("https://e.org/", ImageType.PNG)).isEqualTo("image.png");
        assertThat(NoteResource.fileName("https://e.org/caf%C3%A9%20cr%C3%A8me.jpeg", ImageType.JPEG))
                .isEqualTo("café_crème.jpg");
        assertThat(NoteResource.fileName("https://e.org/..%2F..%2Fetc%2Fpasswd", ImageType.PNG))
                .isEqualTo("passwd.png");
    }
}

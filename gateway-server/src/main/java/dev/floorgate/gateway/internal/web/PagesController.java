package dev.floorgate.gateway.internal.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The pages' front doors: {@code /pick/} and {@code /admin/} answer their {@code index.html} (their other files are
 * the static resources of application.yml: {@code classpath:public/pick}, {@code classpath:public/admin});
 * {@code /pick} and {@code /admin} without the slash lead there, so the pages' relative links resolve; {@code /}
 * leads to the picker app. Micronaut routes a path with and without its trailing slash alike, hence the look at
 * the raw path.
 */
@Controller
final class PagesController {
    private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private final byte[] pick = read("/public/pick/index.html");
    private final byte[] admin = read("/public/admin/index.html");

    @Get
    HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/pick/"));
    }

    @Get("/pick")
    HttpResponse<?> pick(HttpRequest<?> request) {
        return page(request, "/pick/", pick);
    }

    @Get("/admin")
    HttpResponse<?> admin(HttpRequest<?> request) {
        return page(request, "/admin/", admin);
    }

    private static HttpResponse<?> page(HttpRequest<?> request, String dir, byte[] index) {
        if (!request.getPath().endsWith("/")) {
            return HttpResponse.permanentRedirect(URI.create(dir));
        }
        return HttpResponse.ok(index).contentType(HTML);
    }

    private static byte[] read(String resource) {
        try (InputStream in = PagesController.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the page " + resource + " is missing from the gateway's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page " + resource, e);
        }
    }
}

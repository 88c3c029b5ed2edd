package fr.beta.guichet.signin;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The « S'identifier avec ProConnect » button goes here first: if the provider cannot be reached the person reads a
 * French page now rather than an error later; otherwise on to the provider. Refused sign-ins land on
 * {@code /connexion/erreur}.
 */
@Controller
class SignInController {

    private final SignInSecurity signIn;

    SignInController(SignInSecurity signIn) {
        this.signIn = signIn;
    }

    @GetMapping("/connexion/oidc")
    String start(Model model, HttpServletResponse response) {
        if (!signIn.oidcEnabled()) {
            return "redirect:/login";
        }
        if (!signIn.providerAvailable()) {
            return error("unavailable", model, response);
        }
        return "redirect:" + AuthorizationRequests.AUTHORIZATION_BASE_URI + "/" + ProviderRegistration.ID;
    }

    @GetMapping(SignInFailures.PAGE)
    String error(@RequestParam(name = "raison", defaultValue = "other") String reason, Model model,
            HttpServletResponse response) {
        String known = SignInFailures.REASONS.containsValue(reason) ? reason : "other";
        model.addAttribute("reason", known);
        response.setStatus(known.equals("unavailable") ? HttpStatus.SERVICE_UNAVAILABLE.value() : HttpStatus.UNAUTHORIZED.value());
        return "signin/error";
    }
}

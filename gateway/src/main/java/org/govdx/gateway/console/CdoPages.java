package org.govdx.gateway.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A Chief Data Officer's pages: the inbox (soonest due first, overdue marked) and the department's dashboard. */
@Path("/console")
@RolesAllowed("cdo")
@Produces(MediaType.TEXT_HTML)
public class CdoPages {

    @Inject
    Pages pages;

    @Inject
    ServiceClient services;

    @Location("inbox.html")
    Template inbox;
    @Location("dashboard.html")
    Template dashboard;

    @GET
    @Path("inbox")
    public TemplateInstance inbox() {
        ServiceClient.Answer waiting = services.get("/api/exchange/requests/inbox");
        List<Object> items = new ArrayList<>(waiting.list());
        items.sort(Comparator.comparing(o -> String.valueOf(((Map<?, ?>) o).get("dueOn") == null ? "9999" : ((Map<?, ?>) o).get("dueOn"))));
        return pages.page(inbox, "inbox").data("items", items).data("problem", waiting.problem());
    }

    @GET
    @Path("dashboard")
    public TemplateInstance dashboard() {
        ServiceClient.Answer credits = services.get("/api/audit/credits");
        ServiceClient.Answer pairs = services.get("/api/audit/summaries/department-pairs");
        ServiceClient.Answer top = services.get("/api/audit/summaries/top-datasets");
        ServiceClient.Answer denials = services.get("/api/audit/summaries/denials");
        ServiceClient.Answer agreements = services.get("/api/exchange/agreements");
        Map<String, Object> charts = Map.of("pairs", pairs.map().getOrDefault("items", List.of()),
                "denials", denials.map().getOrDefault("items", List.of()), "department", String.valueOf(pages.user().department()));
        ServiceClient.Problem problem = credits.problem() != null ? credits.problem() : pairs.problem();
        return pages.page(dashboard, "dashboard").data("credits", credits.map()).data("top", top.map().getOrDefault("items", List.of()))
                .data("agreements", agreements.list()).data("chartData", Charts.json(charts)).data("problem", problem);
    }
}

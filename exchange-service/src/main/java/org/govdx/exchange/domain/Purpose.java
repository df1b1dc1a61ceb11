package org.govdx.exchange.domain;

/**
 * The controlled list of purposes an application states (the regulation: every application states its
 * purpose and usage scenario). {@link #OTHER} is allowed, but a platform admin then reviews it by hand.
 */
public enum Purpose {
    SOCIAL_ASSISTANCE_ELIGIBILITY("社会救助资格审核"),
    PUBLIC_HEALTH_SURVEILLANCE("公共卫生监测"),
    TRAFFIC_MANAGEMENT("交通管理"),
    MARKET_SUPERVISION("市场监管"),
    SOCIAL_INSURANCE_ADMINISTRATION("社会保险经办"),
    PUBLIC_SECURITY_CASEWORK("公安业务办理"),
    STATISTICS("统计分析"),
    OTHER("其他（需人工审核）");

    private final String zh;

    Purpose(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    public boolean needsManualReview() {
        return this == OTHER;
    }
}

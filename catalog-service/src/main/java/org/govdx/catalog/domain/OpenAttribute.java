package org.govdx.catalog.domain;

/** The national catalogue's open attribute (开放属性): whether the data is also opened to the public. */
public enum OpenAttribute {
    NOT_OPEN("不予开放"), CONDITIONAL("有条件开放"), UNCONDITIONAL("无条件开放");

    private final String zhLabel;

    OpenAttribute(String zhLabel) {
        this.zhLabel = zhLabel;
    }

    public String zhLabel() {
        return zhLabel;
    }
}

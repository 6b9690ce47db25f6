package io.mockupaws.platform.web;

import tools.jackson.databind.DatabindException;

/** Field names in errors are the JSON names the client sent (snake_case, dotted, with [index] for arrays). */
final class FieldNames {

    private FieldNames() {}

    static String path(DatabindException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    static String snake(String javaPath) {
        if (javaPath == null) return "";
        StringBuilder sb = new StringBuilder(javaPath.length() + 8);
        for (char c : javaPath.toCharArray()) {
            if (Character.isUpperCase(c)) sb.append('_').append(Character.toLowerCase(c));
            else sb.append(c);
        }
        return sb.toString();
    }
}

/**
 * The web dashboard: the React single-page application built from {@code frontend/} and packed into the jar under
 * {@code static/}, served at {@code /} next to the API.
 */
package io.mockupaws.webui;

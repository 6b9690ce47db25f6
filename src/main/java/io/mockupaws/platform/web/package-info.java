/** The HTTP error model and request helpers every module's controllers use. */
@NamedInterface("web")
package io.mockupaws.platform.web;

import org.springframework.modulith.NamedInterface;

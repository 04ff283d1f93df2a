/**
 * The service's one error mapping: every failure of every HTTP surface becomes the Open Inference
 * Protocol error body {@code {"error": "..."}} with a 4xx/5xx status.
 */
package io.tnet.service.web;

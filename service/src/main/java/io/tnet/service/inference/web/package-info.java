/** HTTP adapters of the inference feature: the OIP infer endpoints, server metadata and health. */
package io.tnet.service.inference.web;

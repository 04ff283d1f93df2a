/** HTTP adapters of model management: model metadata/readiness/statistics and the repository extension. */
package io.tnet.service.models.web;

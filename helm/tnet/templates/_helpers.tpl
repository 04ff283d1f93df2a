{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "tnet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: release-chart unless the release name already contains the chart's. */}}
{{- define "tnet.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "tnet.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tnet.labels" -}}
helm.sh/chart: {{ include "tnet.chart" . }}
{{ include "tnet.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: threshold-net-serving
{{- end }}

{{- define "tnet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tnet.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tnet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tnet.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Name of the Secret holding the management token (an existing one or the chart's). */}}
{{- define "tnet.tokenSecretName" -}}
{{- default (printf "%s-management" (include "tnet.fullname" .)) .Values.managementToken.existingSecret }}
{{- end }}

{{/* Name of the model repository claim (an existing one or the chart's). */}}
{{- define "tnet.modelClaimName" -}}
{{- default (printf "%s-models" (include "tnet.fullname" .)) .Values.modelRepository.pvc.existingClaim }}
{{- end }}

{{/* True when a management token is configured (existing Secret or a value). */}}
{{- define "tnet.hasToken" -}}
{{- if or .Values.managementToken.existingSecret .Values.managementToken.value }}true{{ end }}
{{- end }}

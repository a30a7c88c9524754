// The monitoring kind: logging, Spark history and Prometheus wiring.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "compiler/check/kind_util.h"
#include "compiler/plan/fit.h"
#include "compiler/check/injection.h"
#include "compiler/check/schema.h"
#include "compiler/check/spark_keys.h"
#include "compiler/model/release_facts.h"
#include "compiler/emit/emr_facts.h"

namespace sparkmc::kinds {

namespace {

class MonitoringCheck : public KindCheck<NoParams> {
 public:
  using KindCheck::KindCheck;
  void Check(const LintSubject& s, std::vector<Finding>* out) const override;
};

void MonitoringCheck::Check(const LintSubject& s, std::vector<Finding>* out) const {
  const Job* job = JobOf(s);
  if (!job) return;
  const sparkmc::Monitoring& m = job->monitoring;
  Location where = m.loc.line ? m.loc : job->overrides_loc.line ? job->overrides_loc : job->loc;
  if (!m.Logging()) {
    out->push_back(At(where, "no CloudWatch or S3 logging: driver and executor logs are lost with their pods "
                             "(the persistent UI keeps only the Spark UI)"));
  }
  const Property* event_dir = Winning(*job, "spark.eventLog.dir");
  if (!m.PersistentUiEnabled() && !event_dir) {
    out->push_back(At(m.persistent_app_ui.loc, "persistentAppUI is DISABLED and spark.eventLog.dir is not set: "
                                               "this job leaves no Spark history"));
  }
  const Property* enabled = Winning(*job, "spark.ui.prometheus.enabled");
  const Property* scrape = Winning(*job, "spark.kubernetes.driver.annotation.prometheus.io/scrape");
  const Property* path = Winning(*job, "spark.kubernetes.driver.annotation.prometheus.io/path");
  const Property* port = Winning(*job, "spark.kubernetes.driver.annotation.prometheus.io/port");
  bool on = enabled && Lower(enabled->value) == "true";
  if (on && !(scrape && Lower(scrape->value) == "true")) {
    out->push_back(At(enabled->loc, "spark.ui.prometheus.enabled is true but the driver has no prometheus.io/scrape "
                                    "annotation: nothing scrapes the metrics"));
  }
  if (scrape && Lower(scrape->value) == "true") {
    std::string p = path ? path->value : "/metrics";
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    if (p == "/metrics/executors/prometheus" && !on) {
      out->push_back(At(scrape->loc, "the driver is annotated for Prometheus scraping of /metrics/executors/prometheus "
                                     "but spark.ui.prometheus.enabled is not true: the endpoint does not exist"));
    } else if (p == "/metrics/prometheus" && !Winning(*job, "spark.metrics.conf.*.sink.prometheusServlet.class")) {
      out->push_back(At(path ? path->loc : scrape->loc,
                        "/metrics/prometheus needs the PrometheusServlet sink "
                        "(spark.metrics.conf.*.sink.prometheusServlet.class), which is not configured"));
    }
    if (port) {
      std::string ui_port = Effective(s, "spark.ui.port");
      if (ui_port.empty()) ui_port = "4040";
      if (port->value != ui_port) {
        out->push_back(At(port->loc, fmt::format("the prometheus.io/port annotation is {} but the Spark UI listens on {}",
                                                 port->value, ui_port)));
      }
    }
  }
}

}  // namespace

RuleKind MonitoringKind() { return MakeRuleKind<MonitoringCheck>("monitoring", "logging, history and Prometheus wiring"); }

}  // namespace sparkmc::kinds

# Two target groups: CodeDeploy shifts production traffic from one to the
# other on each release (blue/green), after testing the new tasks on the test
# listener. Requests go to the API's port; health checks go to the management
# interface's port, which no listener rule reaches: health, metrics and the API
# description are not on the internet.

resource "aws_lb_target_group" "this" {
  for_each = toset(["blue", "green"])

  name                 = "${trimsuffix(substr("${var.name}-${var.service_name}", 0, 29), "-")}-${substr(each.key, 0, 1)}"
  port                 = local.api_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    port                = tostring(local.management_port)
    path                = var.health_check_path
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

# The same path rule on the production listener and on the test listener.
resource "aws_lb_listener_rule" "this" {
  for_each = {
    production = var.https_listener_arn
    test       = var.test_listener_arn
  }

  listener_arn = each.value
  priority     = var.listener_rule_priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this["blue"].arn
  }

  condition {
    path_pattern {
      values = var.path_patterns
    }
  }

  # CodeDeploy points each rule at the live or the replacement target group.
  lifecycle {
    ignore_changes = [action]
  }
}

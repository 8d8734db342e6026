# Two target groups: CodeDeploy shifts production traffic from one to the
# other on each release (blue/green), after testing the new tasks on the test
# listener.

resource "aws_lb_target_group" "this" {
  for_each = toset(["blue", "green"])

  name                 = "${trimsuffix(substr("${var.name}-${var.service_name}", 0, 29), "-")}-${substr(each.key, 0, 1)}"
  port                 = 8080
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/q/health/ready"
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener_rule" "production" {
  listener_arn = var.https_listener_arn
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

  # CodeDeploy points the rule at the live target group.
  lifecycle {
    ignore_changes = [action]
  }
}

resource "aws_lb_listener_rule" "test" {
  listener_arn = var.test_listener_arn
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

  lifecycle {
    ignore_changes = [action]
  }
}

-- The bridge's customers (PRODUCT.md § Cohorts and the bridge). One row per customer with orders in the
-- window: net revenue in cents (exact), and the region and account manager of its latest positive line that
-- names one (of the latest return when it has no positive line), as abc_tiers.sql picks the manager.
with
orders_in_window as (
    select customer, region, account_manager, order_date, amount, source_row
    from
        window_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
            $scope_region, $scope_account_manager
        )
),

customer_totals as (
    select
        customer,
        sum(amount) as net_revenue,
        arg_max(region, (amount > 0, order_date, source_row)) filter (where region is not null) as region,
        arg_max(account_manager, (amount > 0, order_date, source_row)) filter (
            where account_manager is not null
        ) as account_manager
    from orders_in_window
    group by customer
)

select customer, (net_revenue * 100)::bigint as net_revenue_cents, region, account_manager
from customer_totals
order by customer
